using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>The pre-trade facts: what a proposed order would do, worked out without changing the ledger.</summary>
public sealed class WashSaleFactsTests
{
    private static ProposedOrder Order(string date, TradeSide side, decimal quantity, decimal? price = null,
        string account = Trades.Taxable, string symbol = "XYZ", Instrument? instrument = null, params string[] lots) =>
        new(Trades.Noon(date), account, symbol, side, quantity, price, lots.Length == 0 ? null : lots, instrument);

    [Fact]
    public void A_buy_within_30_days_of_a_loss_would_wash_it()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 8m);

        var facts = trades.Book.WashSaleFactsFor(Order("2024-02-20", TradeSide.Buy, 60), estimatedPrice: 8.5m);

        facts.Should().Match<WashSaleFacts>(f => f.WouldWashRecentLoss && !f.WouldBeWashedByRecentBuy && f.IsWashSale
            && f.DisallowedAmount == 120m && f.MatchedQuantity == 60m && !f.IsPermanent && f.MatchedTrades == 1);
        facts.Description.Should().Contain("120").And.Contain("60 XYZ shares");
    }

    [Fact]
    public void A_buy_in_the_IRA_would_lose_the_loss_for_good()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 8m);

        var facts = trades.Book.WashSaleFactsFor(Order("2024-02-20", TradeSide.Buy, 100, account: Trades.Ira), 8.5m);

        facts.Should().Match<WashSaleFacts>(f => f.WouldWashRecentLoss && f.IsPermanent && f.DisallowedAmount == 200m);
    }

    [Fact]
    public void A_call_bought_would_wash_as_many_shares_as_its_multiplier()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 300, 10m)
            .Sell("2024-02-01", 300, 8m);
        var call = new Instrument(InstrumentKind.Option, "XYZ", OptionRight.Call, 10m, new DateOnly(2024, 6, 21));

        var facts = trades.Book.WashSaleFactsFor(Order("2024-02-20", TradeSide.Buy, 2, symbol: "XYZ240621C10", instrument: call), 1m);

        facts.Should().Match<WashSaleFacts>(f => f.WouldWashRecentLoss && f.MatchedQuantity == 200m && f.DisallowedAmount == 400m);
    }

    [Fact]
    public void A_buy_on_day_31_would_not_wash()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 8m);

        trades.Book.WashSaleFactsFor(Order("2024-03-03", TradeSide.Buy, 100), 8m).Should().BeSameAs(WashSaleFacts.None);
    }

    [Fact]
    public void A_sale_at_a_loss_after_a_recent_buy_would_be_washed_at_the_estimated_price()
    {
        var trades = new Trades()
            .Buy("2023-10-02", 100, 10m)
            .Buy("2024-01-20", 40, 9m);

        var facts = trades.Book.WashSaleFactsFor(Order("2024-02-01", TradeSide.Sell, 100), estimatedPrice: 8m);

        facts.Should().Match<WashSaleFacts>(f => f.WouldBeWashedByRecentBuy && !f.WouldWashRecentLoss
            && f.EstimatedLoss == 200m && f.DisallowedAmount == 80m && f.MatchedQuantity == 40m);
    }

    [Fact]
    public void The_order_price_wins_over_the_estimate_and_a_gain_is_no_wash_sale()
    {
        var trades = new Trades()
            .Buy("2023-10-02", 100, 10m)
            .Buy("2024-01-20", 40, 9m);

        var facts = trades.Book.WashSaleFactsFor(Order("2024-02-01", TradeSide.Sell, 100, price: 11m), estimatedPrice: 8m);

        facts.IsWashSale.Should().BeFalse();
        facts.EstimatedLoss.Should().Be(0m);
    }

    [Fact]
    public void A_loss_sale_nothing_replaces_reports_the_loss_but_no_wash_sale()
    {
        var trades = new Trades().Buy("2024-01-20", 100, 10m);

        var facts = trades.Book.WashSaleFactsFor(Order("2024-02-01", TradeSide.Sell, 100), 9m);

        facts.Should().Match<WashSaleFacts>(f => !f.IsWashSale && f.EstimatedLoss == 100m && f.DisallowedAmount == 0m);
    }

    [Fact]
    public void A_short_sale_would_wash_a_recent_covering_loss_and_a_losing_cover_would_be_washed_by_a_recent_short_sale()
    {
        var trades = new Trades()
            .SellShort("2024-01-02", 100, 10m, symbol: "ABC")
            .SellShort("2024-01-02", 100, 10m)
            .Cover("2024-01-10", 100, 12m)
            .SellShort("2024-01-15", 100, 10m, symbol: "ABC", account: Trades.OtherTaxable);

        var shortSale = trades.Book.WashSaleFactsFor(Order("2024-01-20", TradeSide.SellShort, 50), 11m);
        var cover = trades.Book.WashSaleFactsFor(Order("2024-01-20", TradeSide.BuyToCover, 100, symbol: "ABC"), 11m);

        shortSale.Should().Match<WashSaleFacts>(f => f.WouldWashRecentLoss && f.DisallowedAmount == 100m && f.MatchedQuantity == 50m);
        cover.Should().Match<WashSaleFacts>(f => f.WouldBeWashedByRecentBuy && f.EstimatedLoss == 100m && f.DisallowedAmount == 100m);
    }

    [Fact]
    public void A_sale_naming_a_missing_lot_is_not_evaluated_and_says_why()
    {
        var trades = new Trades().Buy("2024-01-20", 100, 10m);

        var facts = trades.Book.WashSaleFactsFor(Order("2024-02-01", TradeSide.Sell, 100, lots: "brokerage-7"), 9m);

        facts.IsWashSale.Should().BeFalse();
        facts.NotEvaluated.Should().Contain("brokerage-7");
        facts.Description.Should().StartWith("not evaluated").And.Contain("brokerage-7");
    }

    [Fact]
    public void Working_out_facts_changes_nothing_and_agrees_with_applying_the_order()
    {
        var trades = new Trades()
            .Buy("2023-10-02", 100, 10m)
            .Buy("2024-01-20", 200, 9m)
            .Sell("2024-01-25", 100, 8m, lots: "brokerage-2");  // the lot's other shares cannot replace it
        var lotsBefore = trades.Book.Lots();
        var salesBefore = trades.Book.RealizedSales();

        var sellFacts = trades.Book.WashSaleFactsFor(Order("2024-02-01", TradeSide.Sell, 100), 8.5m);
        var buyFacts = trades.Book.WashSaleFactsFor(Order("2024-02-01", TradeSide.Buy, 30), 8.5m);

        trades.Book.Lots().Should().BeEquivalentTo(lotsBefore, o => o.WithStrictOrdering());
        trades.Book.RealizedSales().Should().BeEquivalentTo(salesBefore, o => o.WithStrictOrdering());
        sellFacts.Should().Match<WashSaleFacts>(f => f.WouldBeWashedByRecentBuy && f.DisallowedAmount == 150m);
        buyFacts.Should().Match<WashSaleFacts>(f => f.WouldWashRecentLoss && f.DisallowedAmount == 30m);

        trades.Sell("2024-02-01", 100, 8.5m);
        trades.Sales().Where(s => s.FillId == "brokerage-4").Sum(s => s.DisallowedLoss).Should().Be(sellFacts.DisallowedAmount);
    }
}
