namespace SmartTrader.Compliance.Calendar;

/// <summary>
/// <see cref="ExchangeCalendar.SessionOrdinalOf"/> with the time zone's offset remembered (<see cref="ZoneDates"/>), so
/// that a run of times (fills replayed in order) skips the time-zone conversion. Not thread-safe: one per writer.
/// </summary>
internal sealed class SessionClock(ExchangeCalendar calendar)
{
    private readonly ZoneDates _dates = new(calendar.TimeZone);

    public ExchangeCalendar Calendar => calendar;

    public int SessionOrdinalOf(DateTimeOffset time) => calendar.OrdinalOnOrAfter(DateOnly.FromDayNumber(_dates.DayOf(time)));
}
