using System.Globalization;
using SmartTrader.Compliance.Calendar;
using SmartTrader.Compliance.DayTrading;

namespace SmartTrader.Compliance.Tests.Support;

/// <summary>
/// A day's trading written compactly: "B250 B250 S500" buys 250, buys 250 and sells 500 of ABC a minute apart.
/// B = buy, S = sell, SS = sell short, BC = buy to cover; "@XYZ" names another security; "#id" gives an order id;
/// "|" moves to the next trading day.
/// </summary>
internal static class TradeScript
{
    public const string Account = "acct-1";

    public static IEnumerable<(Fill Fill, string? OrderId)> Fills(string script, string firstDay = "2024-06-10")
    {
        var calendar = NyseCalendar.Instance;
        var day = NewYork.Date(firstDay);
        var minute = 0;
        foreach (var token in script.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "|")
            {
                day = calendar.NextTradingDay(day);
                minute = 0;
                continue;
            }
            yield return Parse(token, NewYork.At($"{day:yyyy-MM-dd} 09:30").AddMinutes(minute++));
        }
    }

    public static Fill Fill(string token, DateTimeOffset time) => Parse(token, time).Fill;

    public static DayTradeLedger Ledger(string script, string firstDay = "2024-06-10")
    {
        var ledger = new DayTradeLedger(Account);
        foreach (var (fill, orderId) in Fills(script, firstDay)) ledger.Record(fill, orderId);
        return ledger;
    }

    private static (Fill Fill, string? OrderId) Parse(string token, DateTimeOffset time)
    {
        string? orderId = null;
        var symbol = "ABC";
        var hash = token.IndexOf('#');
        if (hash >= 0) (token, orderId) = (token[..hash], token[(hash + 1)..]);
        var at = token.IndexOf('@');
        if (at >= 0) (token, symbol) = (token[..at], token[(at + 1)..]);
        var (side, digits) = token switch
        {
            _ when token.StartsWith("SS", StringComparison.Ordinal) => (TradeSide.SellShort, token[2..]),
            _ when token.StartsWith("BC", StringComparison.Ordinal) => (TradeSide.BuyToCover, token[2..]),
            _ when token.StartsWith('S') => (TradeSide.Sell, token[1..]),
            _ when token.StartsWith('B') => (TradeSide.Buy, token[1..]),
            _ => throw new FormatException($"Unknown trade '{token}'."),
        };
        var quantity = decimal.Parse(digits, CultureInfo.InvariantCulture);
        return (new Fill(time, Account, symbol, side, quantity, 10m), orderId);
    }
}
