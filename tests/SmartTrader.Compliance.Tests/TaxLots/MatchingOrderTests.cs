using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>Partial replacement, losses in sale order, replacements in acquisition order, each share used once.</summary>
public sealed class MatchingOrderTests
{
    [Fact]
    public void Partial_replacement_disallows_only_the_replaced_fraction()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 7m)
            .Buy("2024-02-10", 40, 6m);

        var sale = trades.Sale("brokerage-1");
        sale.GainOrLoss.Should().Be(-300m);
        sale.DisallowedLoss.Should().Be(120m);
        sale.RecognizedGainOrLoss.Should().Be(-180m);
        trades.Lot("brokerage-3").AdjustedBasis.Should().Be(240m + 120m);
    }

    [Fact]
    public void Two_losses_competing_for_one_replacement_the_earlier_sale_takes_it()
    {
        var trades = new Trades()
            .Buy("2023-11-01", 100, 10m)
            .Buy("2023-11-02", 100, 10m)
            .Sell("2024-02-01", 100, 8m)   // first loss: 200
            .Sell("2024-02-05", 100, 7m)   // second loss: 300
            .Buy("2024-02-10", 150, 7.5m);

        trades.Sale("brokerage-1").DisallowedLoss.Should().Be(200m);
        trades.Sale("brokerage-2").DisallowedLoss.Should().Be(150m, "only the 50 shares left over replace the second loss");
        trades.Lot("brokerage-5").Quantity.Should().Be(100m);
        trades.Lot("brokerage-5").WashSaleAdjustment.Should().Be(200m);
        trades.Lot("brokerage-5.2").Quantity.Should().Be(50m);
        trades.Lot("brokerage-5.2").WashSaleAdjustment.Should().Be(150m);
    }

    [Fact]
    public void A_replacement_bought_before_two_losses_is_used_only_once()
    {
        var trades = new Trades()
            .Buy("2023-11-01", 200, 10m)
            .Buy("2024-01-25", 100, 8m)
            .Sell("2024-02-01", 100, 8m, lots: "brokerage-1")
            .Sell("2024-02-02", 100, 8m, lots: "brokerage-1");

        trades.SaleByFill("brokerage-3").DisallowedLoss.Should().Be(200m);
        trades.SaleByFill("brokerage-4").DisallowedLoss.Should().Be(0m);
        trades.Lot("brokerage-2").WashSaleAdjustment.Should().Be(200m);
    }

    [Fact]
    public void Replacement_shares_are_matched_in_the_order_they_were_acquired()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 9m)
            .Buy("2024-02-05", 60, 9m, account: Trades.OtherTaxable)
            .Buy("2024-02-06", 60, 9m);

        trades.Sale("brokerage-1").Replacements.Select(r => (r.ReplacementLotId, r.Shares))
            .Should().Equal(("joint-1", 60m), ("brokerage-3", 40m));
        trades.Lot("brokerage-3").Quantity.Should().Be(40m);
        trades.Lot("brokerage-3.2").Should().Match<TaxLot>(l => l.Quantity == 20m && l.WashSaleAdjustment == 0m);
    }

    [Fact]
    public void Losses_in_one_sale_are_matched_in_the_order_its_lots_close()
    {
        var trades = new Trades()
            .Buy("2023-12-01", 10, 12m)
            .Buy("2023-12-02", 10, 11m)
            .Sell("2024-01-10", 20, 10m)
            .Buy("2024-01-12", 15, 10m);

        trades.Sale("brokerage-1").DisallowedLoss.Should().Be(20m);
        trades.Sale("brokerage-2").DisallowedLoss.Should().Be(5m, "5 of the 10 shares of the second lot are replaced");
        trades.Lot("brokerage-4").AdjustedBasis.Should().Be(100m + 20m);
        trades.Lot("brokerage-4.2").AdjustedBasis.Should().Be(50m + 5m);
    }

    [Fact]
    public void Gains_are_never_washed()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 12m)
            .Buy("2024-02-02", 100, 11m);

        trades.Sale("brokerage-1").Should().Match<RealizedSale>(s => s.GainOrLoss == 200m && !s.IsWashSale && s.DisallowedLoss == 0m);
        trades.Lot("brokerage-3").AdjustedBasis.Should().Be(1_100m);
        trades.Lot("brokerage-3").AdjustedAcquiredOn.Should().Be(Trades.Day("2024-02-02"));
    }

    [Fact]
    public void A_later_purchase_turns_an_earlier_loss_into_a_wash_sale()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 9m);
        trades.Sale("brokerage-1").IsWashSale.Should().BeFalse();

        trades.Buy("2024-02-20", 100, 9.5m);

        trades.Sale("brokerage-1").Should().Match<RealizedSale>(s => s.IsWashSale && s.DisallowedLoss == 100m && s.RecognizedGainOrLoss == 0m);
        trades.Lot("brokerage-3").AdjustedBasis.Should().Be(1_050m);
    }

    [Fact]
    public void A_stock_purchase_by_another_owner_does_not_wash()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 9m)
            .Buy("2024-02-02", 100, 9m, account: Trades.Stranger);

        trades.Sale("brokerage-1").IsWashSale.Should().BeFalse();
    }

    [Fact]
    public void A_purchase_of_another_stock_does_not_wash()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 9m)
            .Buy("2024-02-02", 100, 9m, symbol: "ABC");

        trades.Sale("brokerage-1").IsWashSale.Should().BeFalse();
    }

    [Fact]
    public void A_purchase_in_another_account_of_the_same_owner_washes_and_takes_the_basis()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 9m)
            .Buy("2024-02-02", 100, 9m, account: Trades.OtherTaxable);

        trades.Sale("brokerage-1").Replacements.Should().ContainSingle(r => r.Account == "joint" && r.ReplacementLotId == "joint-1");
        trades.Lot("joint-1").AdjustedBasis.Should().Be(1_000m);
        trades.Lot("joint-1").AdjustedAcquiredOn.Should().Be(Trades.Day("2024-02-02").AddDays(-30));
    }
}
