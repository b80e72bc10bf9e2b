using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Tests.Support;

namespace SmartTrader.Compliance.Tests.DayTrading;

/// <summary>Day trades of one day (or a few) counted both ways; each case reads as the trades in time order.</summary>
public sealed class DayTradeCountingTests
{
    private static (int Traditional, int DirectionChange) Count(string script)
    {
        var ledger = TradeScript.Ledger(script);
        var window = ledger.WindowEndingOn(ledger.Calendar.DateOf(ledger.LastFillTime!.Value));
        return (window.TraditionalDayTrades, window.DirectionChangeDayTrades);
    }

    [Theory]
    // The six examples FINRA gives with its direction-change interpretation (Regulatory Notice 21-13), with the count
    // each method gives. Under the traditional method each opening purchase closed the same day is one day trade.
    [InlineData("B250 B250 S500", 2, 1)]
    [InlineData("B100 S100 B100 S100", 2, 2)]
    [InlineData("B500 S100 S100 S300", 1, 1)]
    [InlineData("B250 B300 B100 S150 S175", 2, 1)]
    [InlineData("B199 B142 S1 B45 S100 S200", 2, 2)]
    [InlineData("B200 B100@XYZ S100 S100@XYZ", 2, 2)]
    public void Finra_examples_of_multiple_purchases_and_sales_in_a_day(string script, int traditional, int directionChange) =>
        Count(script).Should().Be((traditional, directionChange));

    [Theory]
    [InlineData("B100 B100 B800 S400", 3, 1)] // the sale reaches into the third purchase
    [InlineData("B500 B500 S600", 2, 1)]
    [InlineData("B100 S50 B100 S50", 1, 2)] // the second sale still closes the first purchase; it changes direction again
    [InlineData("B100 S50 S50", 1, 1)]
    [InlineData("B100 B100", 0, 0)]
    [InlineData("S100", 0, 0)]
    public void The_two_methods_differ_when_one_sale_closes_several_purchases_or_several_sales_one_purchase(
        string script, int traditional, int directionChange) =>
        Count(script).Should().Be((traditional, directionChange));

    [Theory]
    [InlineData("SS100 BC100", 1, 1)]
    [InlineData("SS100 SS100 BC200", 2, 1)]
    [InlineData("SS100 BC50 BC50", 1, 1)]
    [InlineData("B100 S200 BC100", 2, 2)] // the sale closes the long and opens a short, which is covered
    [InlineData("B100 S100 SS100 BC100", 2, 2)]
    public void Short_sales_covered_the_same_day_are_day_trades(string script, int traditional, int directionChange) =>
        Count(script).Should().Be((traditional, directionChange));

    [Theory]
    [InlineData("B100 | S100", 0, 0)] // held overnight
    [InlineData("B100 | S100 B100", 0, 0)] // sold before any new purchase, then bought again
    [InlineData("B100 | S100 B100 S100", 1, 1)] // the new purchase is then sold
    [InlineData("B100 | B100 S100", 1, 1)] // a sale after a new purchase closes the new purchase
    [InlineData("B100 | S50 B50 S100", 1, 1)]
    [InlineData("B100 | B50 S150", 1, 1)] // closes today's 50, then yesterday's 100
    [InlineData("SS100 | BC100", 0, 0)]
    [InlineData("SS100 | BC100 SS100", 0, 0)]
    [InlineData("SS100 | SS100 BC100", 1, 1)]
    [InlineData("B100 | S200 | BC100", 0, 0)] // the sale that flips to short is not covered until the next day
    public void A_position_held_overnight_and_closed_before_any_new_opening_is_not_a_day_trade(
        string script, int traditional, int directionChange) =>
        Count(script).Should().Be((traditional, directionChange));

    [Fact]
    public void Different_securities_never_pair()
    {
        Count("B100 S100@XYZ").Should().Be((0, 0));
        Count("B100@AAPL S100@AAPL240719C00200000").Should().Be((0, 0), "a stock and an option on it are different securities");
        Count("B2@AAPL240719C00200000 S2@AAPL240719C00200000").Should().Be((1, 1), "an option contract is its own security");
    }

    [Fact]
    public void Fills_of_one_order_are_one_transaction_when_the_order_id_is_given()
    {
        Count("B60#x B40#x S100#y").Should().Be((1, 1));
        Count("B60 B40 S100").Should().Be((2, 1), "without ids each fill is its own transaction");

        var ledger = TradeScript.Ledger("B60#x B40#x S100#y");
        ledger.WindowEndingOn(NewYork.Date("2024-06-10")).Trades.Should().Be(2);
        TradeScript.Ledger("B60 B40 S100").WindowEndingOn(NewYork.Date("2024-06-10")).Trades.Should().Be(3);
    }

    [Fact]
    public void A_later_fill_of_an_opening_order_already_closed_is_not_a_second_opening()
    {
        Count("B60#x S60#y B40#x S40#z").Should().Be((1, 2));
        Count("B60 S60 B40 S40").Should().Be((2, 2));
    }

    [Fact]
    public void The_trade_date_is_the_date_in_new_york()
    {
        var ledger = new DayTradeLedger(TradeScript.Account);
        ledger.Record(TradeScript.Fill("B100", NewYork.At("2024-06-10 23:59")));
        ledger.Record(TradeScript.Fill("S100", NewYork.At("2024-06-11 00:01")));
        ledger.WindowEndingOn(NewYork.Date("2024-06-11")).TraditionalDayTrades.Should().Be(0);

        ledger.Record(TradeScript.Fill("B100", NewYork.At("2024-06-11 04:00")));
        ledger.Record(TradeScript.Fill("S100", NewYork.At("2024-06-11 19:59")));
        ledger.WindowEndingOn(NewYork.Date("2024-06-11")).TraditionalDayTrades.Should().Be(1, "extended hours count");
    }

    [Fact]
    public void A_fill_on_a_closed_day_belongs_to_the_next_session()
    {
        var ledger = new DayTradeLedger(TradeScript.Account);
        ledger.Record(TradeScript.Fill("B100", NewYork.At("2024-07-04 10:00")));
        ledger.Record(TradeScript.Fill("S100", NewYork.At("2024-07-05 10:00")));
        ledger.WindowEndingOn(NewYork.Date("2024-07-05")).TraditionalDayTrades.Should().Be(1);
    }
}
