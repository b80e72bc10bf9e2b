using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>The two readings the law leaves open, each a setting.</summary>
public sealed class WashSaleOptionsTests
{
    private static Trades SoldReplacementBeforeTheLoss(WashSaleOptions options) => new Trades(options)
        .Buy("2023-11-01", 100, 10m)
        .Buy("2024-01-10", 100, 9m)
        .Sell("2024-01-12", 100, 9.5m, lots: "brokerage-2")  // a gain of 50
        .Sell("2024-01-15", 100, 8m);                       // a loss of 200

    [Fact]
    public void By_default_shares_sold_again_before_the_loss_sale_do_not_replace_it()
    {
        var trades = SoldReplacementBeforeTheLoss(WashSaleOptions.Default);

        trades.Sale("brokerage-1").IsWashSale.Should().BeFalse();
        trades.Sale("brokerage-2").Should().Match<RealizedSale>(s => s.GainOrLoss == 50m && s.CostAddedByLaterWashSale == 0m);
    }

    [Fact]
    public void When_allowed_shares_sold_again_replace_the_loss_and_it_goes_into_their_sale()
    {
        var trades = SoldReplacementBeforeTheLoss(new WashSaleOptions { ReplacementsMayBeAlreadySold = true });

        var loss = trades.Sale("brokerage-1");
        loss.DisallowedLoss.Should().Be(200m);
        loss.Replacements.Should().ContainSingle(r => r.AlreadySold && r.ReplacementLotId == "brokerage-2" && r.Shares == 100m);
        trades.Sale("brokerage-2").Should().Match<RealizedSale>(s => s.CostAddedByLaterWashSale == 200m && s.Cost == 1_100m && s.GainOrLoss == -150m);
        trades.Sales().Sum(s => s.RecognizedGainOrLoss).Should().Be(-150m, "the deferred loss is recognized in the earlier sale");
    }

    [Fact]
    public void When_allowed_held_shares_are_used_before_sold_ones()
    {
        var trades = new Trades(new WashSaleOptions { ReplacementsMayBeAlreadySold = true })
            .Buy("2023-11-01", 100, 10m)
            .Buy("2024-01-10", 100, 9m)
            .Sell("2024-01-12", 60, 9.5m, lots: "brokerage-2")
            .Sell("2024-01-15", 50, 8m, lots: "brokerage-1")
            .Sell("2024-01-16", 50, 8m, lots: "brokerage-1");

        trades.SaleByFill("brokerage-4").Replacements.Should().Equal(
            new WashSaleMatch("brokerage-2", "brokerage", Trades.Day("2024-01-10"), 40m, 80m, false, false),
            new WashSaleMatch("brokerage-2", "brokerage", Trades.Day("2024-01-10"), 10m, 20m, false, true));
        trades.SaleByFill("brokerage-5").Replacements.Should().ContainSingle(r => r.AlreadySold && r.Shares == 50m);
        trades.SaleByFill("brokerage-3").CostAddedByLaterWashSale.Should().Be(120m);
        trades.Lot("brokerage-2").AdjustedBasis.Should().Be(360m + 80m);
    }

    [Fact]
    public void By_default_shares_bought_before_the_sold_lot_can_replace_it()
    {
        var trades = new Trades()
            .Buy("2024-01-03", 100, 10m)
            .Buy("2024-01-18", 100, 10m)
            .Sell("2024-01-31", 100, 9m, lots: "brokerage-2");

        trades.Sale("brokerage-2").DisallowedLoss.Should().Be(100m);
        trades.Lot("brokerage-1").AdjustedBasis.Should().Be(1_100m);
    }

    [Fact]
    public void When_only_later_purchases_replace_earlier_shares_do_not()
    {
        var trades = new Trades(new WashSaleOptions { EarlierAcquisitionsMayReplace = false })
            .Buy("2024-01-03", 100, 10m)
            .Buy("2024-01-18", 100, 10m)
            .Sell("2024-01-31", 100, 9m, lots: "brokerage-2")
            .Sell("2024-02-01", 100, 9m, lots: "brokerage-1");

        trades.Sale("brokerage-2").IsWashSale.Should().BeFalse();
        trades.Sale("brokerage-1").IsWashSale.Should().BeFalse();
    }
}
