using NodaTime;

namespace SmartTrader.Compliance.Calendar;

/// <summary>
/// The calendar date of an instant in one time zone (America/New_York for a trade date), from NodaTime's embedded tz
/// database. The zone interval of the last lookup is kept, so consecutive times cost a comparison and a division.
/// </summary>
internal sealed class ZoneDates(DateTimeZone zone)
{
    private sealed record Interval(long StartUtcTicks, long EndUtcTicks, long OffsetTicks);

    private volatile Interval _last = new(0, 0, 0);

    /// <summary>The date of <paramref name="time"/> in the zone, as a <see cref="DateOnly.DayNumber"/>.</summary>
    public int DayOf(DateTimeOffset time)
    {
        var utcTicks = time.UtcTicks;
        var interval = _last;
        if (utcTicks < interval.StartUtcTicks || utcTicks >= interval.EndUtcTicks)
            _last = interval = IntervalAt(time);
        return (int)((utcTicks + interval.OffsetTicks) / TimeSpan.TicksPerDay);
    }

    private Interval IntervalAt(DateTimeOffset time)
    {
        var zoneInterval = zone.GetZoneInterval(Instant.FromDateTimeOffset(time));
        var start = zoneInterval.HasStart && zoneInterval.Start > Instant.FromUtc(1, 1, 1, 0, 0)
            ? zoneInterval.Start.ToDateTimeOffset().UtcTicks
            : long.MinValue;
        var end = zoneInterval.HasEnd && zoneInterval.End < Instant.FromUtc(9999, 12, 31, 0, 0)
            ? zoneInterval.End.ToDateTimeOffset().UtcTicks
            : long.MaxValue;
        return new Interval(start, end, zoneInterval.WallOffset.Ticks);
    }
}
