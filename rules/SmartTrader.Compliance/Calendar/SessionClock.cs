namespace SmartTrader.Compliance.Calendar;

/// <summary>
/// <see cref="ExchangeCalendar.SessionOrdinalOf"/> with the last calendar day remembered, so that a run of times on the
/// same day (fills replayed in order) skips the time-zone conversion. Not thread-safe: one per writer.
/// </summary>
internal sealed class SessionClock(ExchangeCalendar calendar)
{
    private long _startUtcTicks = long.MaxValue;
    private long _endUtcTicks = long.MinValue;
    private int _ordinal;

    public ExchangeCalendar Calendar => calendar;

    public int SessionOrdinalOf(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        if (ticks >= _startUtcTicks && ticks < _endUtcTicks) return _ordinal;

        var date = calendar.DateOf(time);
        var ordinal = calendar.OrdinalOnOrAfter(date);
        var (start, end) = calendar.BoundsOf(date);
        (_startUtcTicks, _endUtcTicks, _ordinal) = (start.UtcTicks, end.UtcTicks, ordinal);
        return ordinal;
    }
}
