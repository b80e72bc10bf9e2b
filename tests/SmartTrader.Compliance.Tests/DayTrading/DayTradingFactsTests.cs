using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Tests.Support;

namespace SmartTrader.Compliance.Tests.DayTrading;

public sealed class DayTradingFactsTests
{
    private static readonly DayTradingFactsBuilder Legacy =
        new(new DayTradingSettings(DayTradingRegimeSetting.Always(PdtRegime.Legacy), DayTradeCounting.Traditional));

    private static ComplianceAccount MarginAccount(decimal equity) => new(TradeScript.Account, "owner", AccountKind.Margin, equity);

    private static ProposedOrder Order(string when, TradeSide side, decimal quantity, string symbol = "ABC") =>
        new(NewYork.At(when), TradeScript.Account, symbol, side, quantity, 10m);

    /// <summary>Three day trades on Mon-Wed 10-12 June 2024, and 100 ABC bought on Thursday the 13th.</summary>
    private static DayTradeLedger ThreeDayTradesThenABuy() => TradeScript.Ledger("B1 S1 | B1 S1 | B1 S1 | B100", "2024-06-10");

    [Fact]
    public void An_order_that_would_make_the_fourth_day_trade_is_blocked_below_25000()
    {
        var facts = Legacy.Build(MarginAccount(24_999.99m), ThreeDayTradesThenABuy(), Order("2024-06-13 15:00", TradeSide.Sell, 100));

        facts.DayTradesInWindow.Should().Be(3);
        facts.TradesInWindow.Should().Be(7);
        facts.WouldBeDayTrade.Should().BeTrue();
        facts.DayTradesCreatedByOrder.Should().Be(1);
        facts.DayTradesAfterOrder.Should().Be(4);
        facts.TradesAfterOrder.Should().Be(8);
        facts.PatternDayTrader.Should().BeFalse();
        facts.PatternDayTraderAfterOrder.Should().BeTrue();
        facts.BelowMinimumEquity.Should().BeTrue();
        facts.BlockedUnderLegacyRegime.Should().BeTrue();
    }

    [Fact]
    public void At_exactly_25000_the_fourth_day_trade_is_allowed()
    {
        var facts = Legacy.Build(MarginAccount(25_000m), ThreeDayTradesThenABuy(), Order("2024-06-13 15:00", TradeSide.Sell, 100));

        facts.DayTradesAfterOrder.Should().Be(4);
        facts.BelowMinimumEquity.Should().BeFalse();
        facts.BlockedUnderLegacyRegime.Should().BeFalse();
        facts.MinimumEquity.Should().Be(25_000m);
    }

    [Fact]
    public void An_order_that_makes_no_day_trade_is_not_blocked_whatever_the_count()
    {
        var ledger = TradeScript.Ledger("B1 S1 | B1 S1 | B1 S1 B1 S1 | B100", "2024-06-10");

        var opening = Legacy.Build(MarginAccount(1_000m), ledger, Order("2024-06-13 15:00", TradeSide.Buy, 100));
        opening.DayTradesInWindow.Should().Be(4);
        opening.PatternDayTrader.Should().BeTrue();
        opening.WouldBeDayTrade.Should().BeFalse();
        opening.BlockedUnderLegacyRegime.Should().BeFalse();

        var fifth = Legacy.Build(MarginAccount(1_000m), ledger, Order("2024-06-13 15:00", TradeSide.Sell, 100));
        fifth.DayTradesAfterOrder.Should().Be(5);
        fifth.BlockedUnderLegacyRegime.Should().BeTrue();
    }

    [Fact]
    public void Selling_a_position_held_overnight_is_not_a_day_trade()
    {
        var ledger = TradeScript.Ledger("B1 S1 | B1 S1 | B1 S1 B100", "2024-06-10");

        var facts = Legacy.Build(MarginAccount(1_000m), ledger, Order("2024-06-13 10:00", TradeSide.Sell, 100));

        facts.WouldBeDayTrade.Should().BeFalse();
        facts.DayTradesAfterOrder.Should().Be(3);
        facts.BlockedUnderLegacyRegime.Should().BeFalse();
    }

    [Fact]
    public void The_six_percent_test_decides_the_designation_but_not_the_block()
    {
        // 3 day trades and 70 trades in the window: a fourth day trade is 4 of 71 trades, 5.6%.
        var busy = string.Join(' ', Enumerable.Repeat("B1@XYZ", 64));
        var ledger = TradeScript.Ledger($"B1 S1 | B1 S1 | B1 S1 | {busy} B100", "2024-06-10");

        var facts = Legacy.Build(MarginAccount(1_000m), ledger, Order("2024-06-13 15:00", TradeSide.Sell, 100));

        facts.TradesAfterOrder.Should().Be(72);
        facts.DayTradesAfterOrder.Should().Be(4);
        facts.PatternDayTraderAfterOrder.Should().BeFalse();
        facts.BlockedUnderLegacyRegime.Should().BeTrue("the rule blocks the fourth day trade below $25,000 as brokers do");
    }

    [Fact]
    public void The_window_spans_weekends_and_holidays()
    {
        // Day trades on 1, 2 and 3 July 2024; the 4th is a holiday; the order comes on Monday the 8th.
        var ledger = TradeScript.Ledger("B1 S1 | B1 S1 | B1 S1 | B100", "2024-07-01");

        var facts = Legacy.Build(MarginAccount(1_000m), ledger, Order("2024-07-08 10:00", TradeSide.Buy, 5));
        facts.WindowStart.Should().Be("2024-07-01");
        facts.WindowEnd.Should().Be("2024-07-08");
        facts.TradeDate.Should().Be("2024-07-08");
        facts.DayTradesInWindow.Should().Be(3);

        var dayAfter = Legacy.Build(MarginAccount(1_000m), ledger, Order("2024-07-09 10:00", TradeSide.Buy, 5));
        dayAfter.WindowStart.Should().Be("2024-07-02");
        dayAfter.DayTradesInWindow.Should().Be(2);
    }

    [Fact]
    public void An_order_entered_on_a_closed_day_is_judged_for_the_next_session()
    {
        var facts = Legacy.Build(MarginAccount(1_000m), ThreeDayTradesThenABuy(), Order("2024-06-15 12:00", TradeSide.Sell, 100));

        facts.TradeDate.Should().Be("2024-06-17");
        facts.WindowStart.Should().Be("2024-06-11");
        facts.DayTradesInWindow.Should().Be(2);
        facts.WouldBeDayTrade.Should().BeFalse("Thursday's purchase was held over the weekend");
    }

    [Fact]
    public void The_counting_setting_picks_the_method()
    {
        var ledger = TradeScript.Ledger("B250 B250 S500 | B100 B100 S200 | B100", "2024-06-10");
        var order = Order("2024-06-12 15:00", TradeSide.Sell, 100);
        var directionChange = new DayTradingFactsBuilder(Legacy.Settings with { Counting = DayTradeCounting.DirectionChange });

        Legacy.Build(MarginAccount(1_000m), ledger, order).DayTradesAfterOrder.Should().Be(5);
        var facts = directionChange.Build(MarginAccount(1_000m), ledger, order);
        facts.DayTradesAfterOrder.Should().Be(3);
        facts.Counting.Should().Be("DirectionChange");
        facts.BlockedUnderLegacyRegime.Should().BeFalse();
    }

    [Fact]
    public void The_regime_follows_the_order_trade_date()
    {
        var builder = new DayTradingFactsBuilder(DayTradingSettings.Default);
        var ledger = TradeScript.Ledger("B1 S1 | B1 S1 | B1 S1 | B100", "2026-05-29");

        var before = builder.Build(MarginAccount(1_000m), ledger, Order("2026-06-03 15:00", TradeSide.Sell, 100));
        before.Regime.Should().Be("Legacy");
        before.LegacyRegimeApplies.Should().BeTrue();
        before.BlockedUnderLegacyRegime.Should().BeTrue();

        var on = builder.Build(MarginAccount(1_000m), ledger, Order("2026-06-04 15:00", TradeSide.Sell, 100));
        on.Regime.Should().Be("IntradayMargin");
        on.LegacyRegimeApplies.Should().BeFalse();
        on.BlockedUnderLegacyRegime.Should().BeFalse();
        on.WouldBeDayTrade.Should().BeFalse("the purchase of 3 June was held overnight");
    }

    [Theory]
    [InlineData(AccountKind.Cash)]
    [InlineData(AccountKind.IRA)]
    public void Accounts_that_are_not_margin_accounts_are_outside_the_rule(AccountKind kind)
    {
        var account = new ComplianceAccount(TradeScript.Account, "owner", kind, 1_000m);

        var facts = Legacy.Build(account, ThreeDayTradesThenABuy(), Order("2024-06-13 15:00", TradeSide.Sell, 100));

        facts.Applicable.Should().BeFalse();
        facts.AccountType.Should().Be(kind.ToString());
        facts.LegacyRegimeApplies.Should().BeFalse();
        facts.DayTradesInWindow.Should().Be(0);
        facts.DayTradesAfterOrder.Should().Be(0);
        facts.WouldBeDayTrade.Should().BeFalse();
        facts.BlockedUnderLegacyRegime.Should().BeFalse();
        facts.TradeDate.Should().Be("2024-06-13");
    }

    [Fact]
    public void An_open_closing_order_on_a_position_opened_today_counts_as_a_day_trade_now()
    {
        var open = new OpenOrder(Order("2024-06-13 14:00", TradeSide.Sell, 100));

        var facts = Legacy.Build(MarginAccount(1_000m), ThreeDayTradesThenABuy(), Order("2024-06-13 15:00", TradeSide.Buy, 10, "XYZ"), [open]);

        facts.OpenOrders.Should().Be(1);
        facts.PendingDayTrades.Should().Be(1);
        facts.WouldBeDayTrade.Should().BeFalse();
        facts.DayTradesAfterOrder.Should().Be(4);
        facts.TradesAfterOrder.Should().Be(9);
        facts.BlockedUnderLegacyRegime.Should().BeFalse("this order itself makes no day trade");
    }

    [Fact]
    public void A_sale_while_a_purchase_is_working_is_a_potential_day_trade()
    {
        var ledger = TradeScript.Ledger("B1 S1 | B1 S1 | B1 S1", "2024-06-10");
        var workingBuy = new OpenOrder(Order("2024-06-13 09:45", TradeSide.Buy, 100));

        var facts = Legacy.Build(MarginAccount(1_000m), ledger, Order("2024-06-13 10:00", TradeSide.Sell, 100), [workingBuy]);

        facts.PendingDayTrades.Should().Be(0);
        facts.WouldBeDayTrade.Should().BeTrue();
        facts.BlockedUnderLegacyRegime.Should().BeTrue();
    }

    [Fact]
    public void Open_orders_apply_in_the_order_given_before_the_proposed_order()
    {
        // The working sale is assumed to close today's 100 first, so the new sale opens a short instead.
        var workingSale = new OpenOrder(Order("2024-06-13 14:00", TradeSide.Sell, 100));

        var facts = Legacy.Build(MarginAccount(1_000m), ThreeDayTradesThenABuy(), Order("2024-06-13 15:00", TradeSide.Sell, 100), [workingSale]);

        facts.PendingDayTrades.Should().Be(1);
        facts.WouldBeDayTrade.Should().BeFalse();
        facts.DayTradesAfterOrder.Should().Be(4);
    }

    [Fact]
    public void The_rest_of_a_partly_filled_order_is_the_same_trade()
    {
        var ledger = new DayTradeLedger(TradeScript.Account);
        ledger.Record(TradeScript.Fill("B60", NewYork.At("2024-06-13 10:00")), orderId: "x");
        var rest = new OpenOrder(Order("2024-06-13 10:00", TradeSide.Buy, 40), OrderId: "x");

        var facts = Legacy.Build(MarginAccount(1_000m), ledger, Order("2024-06-13 15:00", TradeSide.Sell, 100), [rest]);

        facts.TradesInWindow.Should().Be(1);
        facts.TradesAfterOrder.Should().Be(2);
        facts.DayTradesCreatedByOrder.Should().Be(1, "the two fills of order x are one opening transaction");
    }

    [Fact]
    public void Building_facts_leaves_the_ledger_as_it_was()
    {
        var ledger = ThreeDayTradesThenABuy();
        var order = Order("2024-06-13 15:00", TradeSide.Sell, 100);
        var open = new OpenOrder(Order("2024-06-13 14:00", TradeSide.Buy, 50));

        var first = Legacy.Build(MarginAccount(1_000m), ledger, order, [open]);
        var second = Legacy.Build(MarginAccount(1_000m), ledger, order, [open]);

        second.Should().Be(first);
        ledger.PositionIn("ABC").Should().Be(100);
        ledger.WindowEndingOn(NewYork.Date("2024-06-13")).TraditionalDayTrades.Should().Be(3);
        ledger.FillCount.Should().Be(7);
    }

    [Fact]
    public void Orders_for_another_account_or_dated_before_the_ledger_are_refused()
    {
        var ledger = ThreeDayTradesThenABuy();

        var otherAccount = () => Legacy.Build(MarginAccount(1_000m), ledger, Order("2024-06-13 15:00", TradeSide.Sell, 1) with { Account = "b" });
        otherAccount.Should().Throw<ArgumentException>();
        var backDated = () => Legacy.Build(MarginAccount(1_000m), ledger, Order("2024-06-12 15:00", TradeSide.Sell, 1));
        backDated.Should().Throw<ArgumentException>().WithMessage("*2024-06-12 precedes*");
    }

    [Fact]
    public void Facts_serialize_as_flat_json_with_dates_as_strings()
    {
        var facts = Legacy.Build(MarginAccount(1_000m), ThreeDayTradesThenABuy(), Order("2024-06-13 15:00", TradeSide.Sell, 100));

        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(facts));

        json.RootElement.EnumerateObject().Should().OnlyContain(p => p.Value.ValueKind != System.Text.Json.JsonValueKind.Object
            && p.Value.ValueKind != System.Text.Json.JsonValueKind.Array);
        json.RootElement.GetProperty("WindowStart").GetString().Should().Be("2024-06-07");
        json.RootElement.GetProperty("DayTradesAfterOrder").GetInt32().Should().Be(4);
    }
}
