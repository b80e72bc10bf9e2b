using NodaTime;

namespace SmartTrader.Compliance.Calendar;

/// <summary>The New York Stock Exchange's calendar, from 2000 to 2050, in America/New_York from NodaTime's own tz database.</summary>
public static class NyseCalendar
{
    public static readonly DateOnly FirstDate = new(2000, 1, 1);
    public static readonly DateOnly LastDate = new(2050, 12, 31);

    private static readonly Lazy<ExchangeCalendar> Calendar = new(Build);

    /// <summary>America/New_York: a fill's trade date is its date there.</summary>
    internal static DateTimeZone TimeZone { get; } = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static ExchangeCalendar Instance => Calendar.Value;

    private static ExchangeCalendar Build()
    {
        var holidays = Enumerable.Range(FirstDate.Year, LastDate.Year - FirstDate.Year + 1)
            .SelectMany(NyseHolidayRule.HolidaysOf)
            .Concat(NyseUnscheduledClosures.All);
        return new ExchangeCalendar("NYSE", TimeZone, FirstDate, LastDate, holidays);
    }
}
