using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Tests.Support;

namespace SmartTrader.Compliance.Tests.DayTrading;

public sealed class DayTradeLedgerTests
{
    [Fact]
    public void The_window_is_the_five_business_days_ending_on_the_date_across_a_holiday_and_a_weekend()
    {
        // One day trade on each of Mon 1, Tue 2 and Wed 3 July 2024; Thursday the 4th is a holiday.
        var ledger = TradeScript.Ledger("B1 S1 | B1 S1 | B1 S1", firstDay: "2024-07-01");

        var window = ledger.WindowEndingOn(NewYork.Date("2024-07-08"));
        window.Should().Be(new DayTradeWindow(NewYork.Date("2024-07-01"), NewYork.Date("2024-07-08"), 6, 3, 3));
        ledger.WindowEndingOn(NewYork.Date("2024-07-09")).TraditionalDayTrades.Should().Be(2, "1 July has left the window");
        ledger.WindowEndingOn(NewYork.Date("2024-07-10")).TraditionalDayTrades.Should().Be(1);
        ledger.WindowEndingOn(NewYork.Date("2024-07-11")).TraditionalDayTrades.Should().Be(0);
    }

    [Fact]
    public void Windows_ending_before_the_latest_day_are_still_answered()
    {
        var ledger = TradeScript.Ledger("B1 S1 | | B1 S1 B1 | S1 | | | | B1 S1", firstDay: "2024-06-03");

        ledger.WindowEndingOn(NewYork.Date("2024-06-03")).TraditionalDayTrades.Should().Be(1);
        ledger.WindowEndingOn(NewYork.Date("2024-06-05")).TraditionalDayTrades.Should().Be(2);
        ledger.WindowEndingOn(NewYork.Date("2024-06-06")).Should()
            .Be(new DayTradeWindow(NewYork.Date("2024-05-31"), NewYork.Date("2024-06-06"), 6, 2, 2));
        ledger.WindowEndingOn(NewYork.Date("2024-06-11")).TraditionalDayTrades.Should().Be(1, "the 3rd has left, the 5th is in");
        ledger.WindowEndingOn(NewYork.Date("2024-06-12")).TraditionalDayTrades.Should().Be(1, "the 5th has left, the 12th is in");
        ledger.WindowEndingOn(NewYork.Date("2024-06-19")).Should().Be(
            new DayTradeWindow(NewYork.Date("2024-06-13"), NewYork.Date("2024-06-20"), 0, 0, 0),
            "a closed day's window is that of its next session");
    }

    [Fact]
    public void Trades_count_every_security()
    {
        var ledger = TradeScript.Ledger("B1 B1@XYZ S1@XYZ B1@QQQ");
        ledger.WindowEndingOn(NewYork.Date("2024-06-10")).Should()
            .Be(new DayTradeWindow(NewYork.Date("2024-06-04"), NewYork.Date("2024-06-10"), 4, 1, 1));
    }

    [Fact]
    public void A_fill_older_than_the_last_one_is_refused()
    {
        var ledger = new DayTradeLedger(TradeScript.Account);
        ledger.Record(TradeScript.Fill("B100", NewYork.At("2024-06-10 10:00")));
        ledger.Record(TradeScript.Fill("S50", NewYork.At("2024-06-10 10:00")));

        var late = TradeScript.Fill("S50", NewYork.At("2024-06-10 09:59"));
        var act = () => ledger.Record(late);

        act.Should().Throw<OutOfOrderFillException>().Which.Fill.Should().Be(late);
        ledger.FillCount.Should().Be(2);
        ledger.PositionIn("ABC").Should().Be(50);
    }

    [Fact]
    public void Rebuilding_from_an_unsorted_history_gives_the_ledger_built_in_order()
    {
        var script = "B100 B50@XYZ S100 | SS70@XYZ B10 S5 | | BC20@XYZ B1 S1 B1 S1 | S5 SS5 BC2";
        var inOrder = TradeScript.Ledger(script);
        var shuffled = TradeScript.Fills(script).Select(f => f.Fill).Reverse().ToList();

        var rebuilt = DayTradeLedger.Rebuild(TradeScript.Account, shuffled);

        rebuilt.FillCount.Should().Be(inOrder.FillCount);
        for (var date = NewYork.Date("2024-06-10"); date <= NewYork.Date("2024-06-21"); date = date.AddDays(1))
            rebuilt.WindowEndingOn(date).Should().Be(inOrder.WindowEndingOn(date), $"the window ending {date}");
        rebuilt.PositionIn("XYZ").Should().Be(inOrder.PositionIn("XYZ")).And.Be(0);
        rebuilt.PositionIn("ABC").Should().Be(-3);
    }

    [Fact]
    public void Fills_of_another_account_or_without_quantity_are_refused()
    {
        var ledger = new DayTradeLedger(TradeScript.Account);
        var otherAccount = () => ledger.Record(TradeScript.Fill("B1", NewYork.At("2024-06-10 10:00")) with { Account = "other" });
        otherAccount.Should().Throw<ArgumentException>().WithMessage("*other*");
        var noQuantity = () => ledger.Record(TradeScript.Fill("B1", NewYork.At("2024-06-10 10:00")) with { Quantity = 0 });
        noQuantity.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Positions_follow_the_fills()
    {
        var ledger = TradeScript.Ledger("B100 S30 | SS10@XYZ | S100 BC4@XYZ");
        ledger.PositionIn("ABC").Should().Be(-30);
        ledger.PositionIn("XYZ").Should().Be(-6);
        ledger.PositionIn("NONE").Should().Be(0);
    }
}
