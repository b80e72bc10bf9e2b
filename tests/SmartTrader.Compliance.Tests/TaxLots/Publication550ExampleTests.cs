using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>The worked examples of IRS Publication 550 (Wash Sales) and Treas. Reg. §1.1091-2, retold with dates.</summary>
public sealed class Publication550ExampleTests
{
    [Fact]
    public void A_loss_replaced_within_30_days_is_disallowed_and_added_to_the_new_shares_basis()
    {
        // 100 shares bought for $1,000 and sold for $750; 100 bought back within 30 days for $800.
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10.00m)
            .Sell("2024-03-01", 100, 7.50m)
            .Buy("2024-03-15", 100, 8.00m);

        var sale = trades.Sale("brokerage-1");
        sale.GainOrLoss.Should().Be(-250m);
        sale.DisallowedLoss.Should().Be(250m);
        sale.RecognizedGainOrLoss.Should().Be(0m);
        sale.IsWashSale.Should().BeTrue();
        sale.SoldAt.Should().Be(Trades.Noon("2024-03-01"));
        sale.SoldAt.Offset.Should().Be(TimeSpan.FromHours(-5));

        var replacement = trades.Lot("brokerage-3");
        replacement.Basis.Should().Be(800m);
        replacement.AdjustedBasis.Should().Be(1_050m);
        replacement.AcquiredOn.Should().Be(Trades.Day("2024-03-15"));
        replacement.AdjustedAcquiredOn.Should().Be(Trades.Day("2024-01-16"), "the 59 days the sold shares were held tack on");
        replacement.AdjustedBasisPerShare.Should().Be(10.50m);
        replacement.WashSaleFromLot.Should().Be("brokerage-1");
        replacement.WashSaleFromSaleDate.Should().Be(Trades.Day("2024-03-01"));
        sale.Replacements.Should().Equal(new WashSaleMatch("brokerage-3", "brokerage", Trades.Day("2024-03-15"), 100m, 250m, false, false));
    }

    [Fact]
    public void Replacements_bought_on_four_days_take_the_loss_in_the_order_they_were_bought()
    {
        // 100 shares sold at a $1,000 loss; 50 shares bought on each of the four days that follow a week later.
        var trades = new Trades()
            .Buy("2023-09-24", 100, 20m)
            .Sell("2024-02-03", 100, 10m)
            .Buy("2024-02-10", 50, 11m)
            .Buy("2024-02-11", 50, 11m)
            .Buy("2024-02-12", 50, 11m)
            .Buy("2024-02-13", 50, 11m);

        trades.Sale("brokerage-1").DisallowedLoss.Should().Be(1_000m);
        trades.Lot("brokerage-3").WashSaleAdjustment.Should().Be(500m);
        trades.Lot("brokerage-4").WashSaleAdjustment.Should().Be(500m);
        trades.Lot("brokerage-5").WashSaleAdjustment.Should().Be(0m);
        trades.Lot("brokerage-6").WashSaleAdjustment.Should().Be(0m);
        trades.Lot("brokerage-3").AdjustedAcquiredOn.Should().Be(Trades.Day("2023-10-01"));
        trades.Lot("brokerage-4").AdjustedAcquiredOn.Should().Be(Trades.Day("2023-10-02"));
        trades.Lot("brokerage-5").AdjustedAcquiredOn.Should().Be(Trades.Day("2024-02-12"));
    }

    [Fact]
    public void Fewer_shares_bought_in_the_30_days_before_the_sale_disallow_only_their_share_of_the_loss()
    {
        // 100 shares bought in September for $5,000; 50 more in December for $2,750 and 25 for $1,125; the September
        // shares sold in January for $4,000. 75 of the 100 shares are replaced: $750 of the $1,000 loss is disallowed.
        var trades = new Trades()
            .Buy("2023-09-24", 100, 50m)
            .Buy("2023-12-18", 50, 55m)
            .Buy("2023-12-28", 25, 45m)
            .Sell("2024-01-07", 100, 40m);

        var sale = trades.Sale("brokerage-1");
        sale.GainOrLoss.Should().Be(-1_000m);
        sale.DisallowedLoss.Should().Be(750m);
        sale.RecognizedGainOrLoss.Should().Be(-250m);
        sale.Replacements.Select(r => (r.ReplacementLotId, r.Shares, r.DisallowedLoss))
            .Should().Equal(("brokerage-2", 50m, 500m), ("brokerage-3", 25m, 250m));

        trades.Lot("brokerage-2").AdjustedBasis.Should().Be(3_250m);
        trades.Lot("brokerage-3").AdjustedBasis.Should().Be(1_375m);
        trades.Lot("brokerage-2").AdjustedAcquiredOn.Should().Be(Trades.Day("2023-09-04"));
        trades.Lot("brokerage-3").AdjustedAcquiredOn.Should().Be(Trades.Day("2023-09-14"));
    }

    [Theory]
    [InlineData(90, 110)]
    [InlineData(70, 90)]
    public void The_new_share_basis_is_the_old_basis_moved_by_the_difference_between_buying_and_selling_price(decimal newPrice, decimal expectedBasis)
    {
        // Reg. §1.1091-2: a share bought for $100 and sold for $80, then a new one bought for $90 (or $70).
        var trades = new Trades()
            .Buy("2023-01-10", 1, 100m)
            .Sell("2024-01-15", 1, 80m)
            .Buy("2024-02-01", 1, newPrice);

        trades.Lot("brokerage-3").AdjustedBasis.Should().Be(expectedBasis);
        trades.Sale("brokerage-1").RecognizedGainOrLoss.Should().Be(0m);
    }
}
