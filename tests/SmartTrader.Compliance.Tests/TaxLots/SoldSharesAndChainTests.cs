using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>The sold shares never replace themselves; replacement lots sold at a loss carry the deferred loss on.</summary>
public sealed class SoldSharesAndChainTests
{
    [Fact]
    public void Shares_left_from_the_same_purchase_do_not_replace_the_shares_sold()
    {
        // Rev. Rul. 56-602: part of a single lot sold at a loss within 30 days of buying it.
        var trades = new Trades()
            .Buy("2024-01-02", 200, 10m)
            .Sell("2024-01-15", 100, 9m);

        trades.Sale("brokerage-1").IsWashSale.Should().BeFalse();
        trades.Lot("brokerage-1").Should().Match<TaxLot>(l => l.Quantity == 100m && l.WashSaleAdjustment == 0m);
    }

    [Fact]
    public void A_separate_purchase_the_same_day_does_replace_the_shares_sold()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-01-15", 100, 9m);

        trades.Sale("brokerage-1").DisallowedLoss.Should().Be(100m);
        trades.Lot("brokerage-2").AdjustedBasis.Should().Be(1_100m);
    }

    [Fact]
    public void Shares_sold_in_the_same_fill_do_not_replace_a_loss_of_that_fill()
    {
        var trades = new Trades()
            .Buy("2023-12-20", 100, 10m)
            .Buy("2024-01-05", 100, 8m)
            .Sell("2024-01-10", 200, 9m);

        trades.Sale("brokerage-1").Should().Match<RealizedSale>(s => s.GainOrLoss == -100m && !s.IsWashSale);
        trades.Sale("brokerage-2").GainOrLoss.Should().Be(100m);
    }

    [Fact]
    public void A_purchase_the_same_day_before_or_after_the_loss_sale_replaces_it()
    {
        var trades = new Trades()
            .Buy("2023-10-02", 100, 10m)
            .Buy("2024-01-10", 50, 9m)
            .Sell("2024-01-10", 100, 9m, lots: "brokerage-1")
            .Buy("2024-01-10", 50, 9m);

        trades.Sale("brokerage-1").Replacements.Select(r => r.ReplacementLotId).Should().Equal("brokerage-2", "brokerage-4");
        trades.Sale("brokerage-1").DisallowedLoss.Should().Be(100m);
    }

    [Fact]
    public void A_same_day_chain_carries_every_deferred_loss_to_the_last_replacement()
    {
        var trades = new Trades()
            .Buy("2024-03-04", 100, 10m)
            .Sell("2024-03-04", 100, 9m)
            .Buy("2024-03-04", 100, 9m)
            .Sell("2024-03-04", 100, 8.5m)
            .Buy("2024-03-04", 100, 8.5m);

        trades.Sale("brokerage-1").DisallowedLoss.Should().Be(100m);
        var second = trades.Sale("brokerage-3");
        second.Cost.Should().Be(1_000m, "the first loss was deferred into it");
        second.WashSaleAdjustmentInCost.Should().Be(100m);
        second.GainOrLoss.Should().Be(-150m);
        second.DisallowedLoss.Should().Be(150m);
        trades.Lot("brokerage-5").AdjustedBasis.Should().Be(1_000m);
        trades.Sales().Sum(s => s.RecognizedGainOrLoss).Should().Be(0m);
    }

    [Fact]
    public void A_chain_across_weeks_tacks_each_holding_period_on()
    {
        var trades = new Trades()
            .Buy("2024-01-01", 100, 10m)
            .Sell("2024-01-31", 100, 9m)   // held 30 days
            .Buy("2024-02-05", 100, 9m)    // adjusted: 6 January
            .Sell("2024-02-20", 100, 8m)   // held 45 days counting from 6 January
            .Buy("2024-02-25", 100, 8m);

        trades.Sale("brokerage-3").AdjustedAcquiredOn.Should().Be(Trades.Day("2024-01-06"));
        trades.Sale("brokerage-3").GainOrLoss.Should().Be(-200m);
        trades.Lot("brokerage-5").AdjustedBasis.Should().Be(1_000m);
        trades.Lot("brokerage-5").AdjustedAcquiredOn.Should().Be(Trades.Day("2024-01-11"));
    }

    [Theory]
    [InlineData("2024-01-15", true)]
    [InlineData("2024-01-14", false)]
    public void The_tacked_holding_period_decides_long_term(string soldOn, bool longTerm)
    {
        var trades = new Trades()
            .Buy("2023-01-10", 100, 10m)
            .Sell("2023-12-01", 100, 9m)    // held 325 days
            .Buy("2023-12-05", 100, 9m)     // adjusted: 14 January 2023
            .Sell(soldOn, 100, 12m);

        var sale = trades.Sale("brokerage-3");
        sale.AdjustedAcquiredOn.Should().Be(Trades.Day("2023-01-14"));
        sale.IsLongTerm.Should().Be(longTerm);
    }
}
