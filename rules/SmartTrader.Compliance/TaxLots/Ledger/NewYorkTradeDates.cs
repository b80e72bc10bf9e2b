using NodaTime;

namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// The trade date of an instant: its date in America/New_York, from NodaTime's embedded tz database. The zone
/// interval of the last lookup is kept, so consecutive fills cost a comparison and a division.
/// </summary>
internal sealed class NewYorkTradeDates
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private sealed record Interval(long StartUtcTicks, long EndUtcTicks, long OffsetTicks);

    private volatile Interval _last = new(0, 0, 0);

    /// <summary>The trade date as a <see cref="DateOnly.DayNumber"/>.</summary>
    public int DayOf(DateTimeOffset time)
    {
        var utcTicks = time.UtcTicks;
        var interval = _last;
        if (utcTicks < interval.StartUtcTicks || utcTicks >= interval.EndUtcTicks)
            _last = interval = IntervalAt(time);
        return (int)((utcTicks + interval.OffsetTicks) / TimeSpan.TicksPerDay);
    }

    private static Interval IntervalAt(DateTimeOffset time)
    {
        var zoneInterval = NewYork.GetZoneInterval(Instant.FromDateTimeOffset(time));
        var start = zoneInterval.HasStart && zoneInterval.Start > Instant.FromUtc(1, 1, 1, 0, 0)
            ? zoneInterval.Start.ToDateTimeOffset().UtcTicks
            : long.MinValue;
        var end = zoneInterval.HasEnd && zoneInterval.End < Instant.FromUtc(9999, 12, 31, 0, 0)
            ? zoneInterval.End.ToDateTimeOffset().UtcTicks
            : long.MaxValue;
        return new Interval(start, end, zoneInterval.WallOffset.Ticks);
    }
}
