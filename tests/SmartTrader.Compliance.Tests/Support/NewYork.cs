using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace SmartTrader.Compliance.Tests.Support;

/// <summary>Times written as New York wall-clock times, the way the regulations' examples read.</summary>
internal static class NewYork
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly LocalDateTimePattern Pattern =
        LocalDateTimePattern.Create("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"2024-07-01 09:30" in New York.</summary>
    public static DateTimeOffset At(string localDateTime) =>
        Pattern.Parse(localDateTime).Value.InZoneStrictly(Zone).ToDateTimeOffset();

    public static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
