using SmartTrader.Compliance;
using SmartTrader.Compliance.Calendar;
using SmartTrader.Compliance.DayTrading;
using ComplianceFill = SmartTrader.Compliance.Fill;

namespace SmartTrader.Trading.Domain;

/// <summary>
/// What an account's day-trade ledger is rebuilt from, kept short: the fills of the last few sessions, and the
/// positions carried into the oldest of them. Older fills are folded into the carried positions as they age out of
/// the five-business-day window, so the portfolio's state does not grow with its history.
/// </summary>
public sealed class DayTradeHistory
{
    /// <summary>Sessions kept: the five of the window, and one more so a window ending on a closed day is whole.</summary>
    public const int SessionsKept = PatternDayTraderRule.WindowBusinessDays + 1;

    /// <summary>When the positions in <see cref="Carried"/> were last traded: a session before every kept fill.</summary>
    public DateTimeOffset? CarriedAt { get; set; }

    /// <summary>Signed positions (short negative) carried into the first kept session, by symbol.</summary>
    public Dictionary<string, decimal> Carried { get; set; } = [];

    public List<DayTradeFill> Fills { get; set; } = [];

    /// <summary>Adds a fill and folds the fills that left the window into <see cref="Carried"/>.</summary>
    public void Add(DayTradeFill fill, ExchangeCalendar calendar)
    {
        Fills.Add(fill);
        var keepFrom = calendar.WindowEndingOn(calendar.TradeDateOf(fill.Time), SessionsKept).Start;
        var folded = 0;
        while (folded < Fills.Count && calendar.TradeDateOf(Fills[folded].Time) < keepFrom) folded++;
        if (folded == 0) return;
        foreach (var old in Fills.Take(folded))
        {
            var position = Carried.GetValueOrDefault(old.Symbol) + old.SignedQuantity;
            if (position == 0m) Carried.Remove(old.Symbol);
            else Carried[old.Symbol] = position;
        }
        CarriedAt = Fills[folded - 1].Time;
        Fills.RemoveRange(0, folded);
    }

    /// <summary>A ledger holding the carried positions (as fills of their last session) and the kept fills.</summary>
    public DayTradeLedger ToLedger(string account, ExchangeCalendar calendar)
    {
        var ledger = new DayTradeLedger(account, calendar);
        if (CarriedAt is { } carriedAt)
            foreach (var (symbol, quantity) in Carried.OrderBy(c => c.Key, StringComparer.Ordinal))
                ledger.Record(new ComplianceFill(carriedAt, account, symbol, quantity > 0 ? TradeSide.Buy : TradeSide.SellShort, Math.Abs(quantity), 0.01m), "carried");
        foreach (var fill in Fills) ledger.Record(fill.ToFill(account), fill.OrderId);
        return ledger;
    }
}

/// <summary>One execution, as the day-trade ledger needs it.</summary>
public sealed record DayTradeFill(DateTimeOffset Time, string Symbol, TradeSide Side, decimal Quantity, decimal Price, string OrderId)
{
    public decimal SignedQuantity => Side.Direction() * Quantity;

    public ComplianceFill ToFill(string account) => new(Time, account, Symbol, Side, Quantity, Price);
}
