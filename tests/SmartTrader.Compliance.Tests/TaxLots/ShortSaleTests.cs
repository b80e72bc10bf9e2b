using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>Short sales: a loss on covering is washed by another short sale within 30 days of the cover.</summary>
public sealed class ShortSaleTests
{
    [Fact]
    public void A_covering_loss_is_washed_by_a_new_short_sale_and_deferred_into_it()
    {
        var trades = new Trades()
            .SellShort("2024-01-02", 100, 10m)
            .Cover("2024-01-10", 100, 12m)
            .SellShort("2024-01-20", 100, 11m);

        trades.Sale("brokerage-1").Should().Match<RealizedSale>(s => s.Direction == LotDirection.Short
            && s.Proceeds == 1_000m && s.Cost == 1_200m && s.DisallowedLoss == 200m);
        trades.Lot("brokerage-3").Should().Match<TaxLot>(l => l.Direction == LotDirection.Short
            && l.Basis == 1_100m && l.WashSaleAdjustment == 200m && l.AdjustedBasis == 900m
            && l.AdjustedAcquiredOn == Trades.Day("2024-01-20"));

        trades.Cover("2024-02-01", 100, 10m);
        trades.Sale("brokerage-3").Should().Match<RealizedSale>(s => s.Proceeds == 1_100m && s.Cost == 1_200m && s.GainOrLoss == -100m);
    }

    [Fact]
    public void A_short_sale_made_before_the_cover_also_washes_it()
    {
        var trades = new Trades()
            .SellShort("2023-10-02", 100, 10m)
            .SellShort("2024-01-05", 100, 11m)
            .Cover("2024-01-10", 100, 12m);

        trades.Sale("brokerage-1").DisallowedLoss.Should().Be(200m);
        trades.Lot("brokerage-2").AdjustedBasis.Should().Be(900m);
    }

    [Fact]
    public void Long_and_short_losses_do_not_wash_each_other()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 12m, symbol: "ABC")
            .SellShort("2024-01-02", 100, 10m)
            .Cover("2024-01-10", 100, 12m)
            .Buy("2024-01-11", 100, 12m)
            .Sell("2024-01-20", 100, 11m, symbol: "ABC")
            .SellShort("2024-01-21", 100, 11m, symbol: "ABC");

        trades.Sale("brokerage-2").IsWashSale.Should().BeFalse("buying stock is not a short sale");
        trades.Sale("brokerage-1").IsWashSale.Should().BeFalse("a short sale is not an acquisition");
    }

    [Fact]
    public void A_covering_gain_is_not_washed()
    {
        var trades = new Trades()
            .SellShort("2024-01-02", 100, 10m)
            .Cover("2024-01-10", 100, 9m)
            .SellShort("2024-01-11", 100, 9m);

        trades.Sale("brokerage-1").Should().Match<RealizedSale>(s => s.GainOrLoss == 100m && !s.IsWashSale);
        trades.Lot("brokerage-3").AdjustedBasis.Should().Be(900m);
    }
}
