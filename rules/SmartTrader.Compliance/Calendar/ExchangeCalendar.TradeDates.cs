using NodaTime;

namespace SmartTrader.Compliance.Calendar;

public sealed partial class ExchangeCalendar
{
    /// <summary>The calendar date of <paramref name="time"/> in the exchange's time zone.</summary>
    public DateOnly DateOf(DateTimeOffset time) =>
        Instant.FromDateTimeOffset(time).InZone(TimeZone).Date.ToDateOnly();

    /// <summary>
    /// The ordinal of the session <paramref name="time"/> belongs to: its trading day, or the next trading day when the
    /// exchange is closed on its date (an order entered on a Saturday trades on Monday).
    /// </summary>
    public int SessionOrdinalOf(DateTimeOffset time) => OrdinalOnOrAfter(DateOf(time));

    /// <summary>The trade date of <paramref name="time"/>: the trading day of its session.</summary>
    public DateOnly TradeDateOf(DateTimeOffset time) => TradingDayAt(SessionOrdinalOf(time));
}
