namespace SmartTrader.Compliance.Calendar;

/// <summary>
/// Weekdays on which NYSE closed all day outside its holiday rule, from 2000 on. Future closures are added here as
/// they are announced. Early closes (half days) are not closures.
/// </summary>
internal static class NyseUnscheduledClosures
{
    public static IReadOnlyList<ExchangeHoliday> All { get; } =
    [
        Closed(2001, 9, 11, "September 11 attacks"),
        Closed(2001, 9, 12, "September 11 attacks"),
        Closed(2001, 9, 13, "September 11 attacks"),
        Closed(2001, 9, 14, "September 11 attacks"),
        Closed(2004, 6, 11, "National Day of Mourning for President Ronald Reagan"),
        Closed(2007, 1, 2, "National Day of Mourning for President Gerald R. Ford"),
        Closed(2012, 10, 29, "Hurricane Sandy"),
        Closed(2012, 10, 30, "Hurricane Sandy"),
        Closed(2018, 12, 5, "National Day of Mourning for President George H. W. Bush"),
        Closed(2025, 1, 9, "National Day of Mourning for President Jimmy Carter"),
    ];

    private static ExchangeHoliday Closed(int year, int month, int day, string reason) =>
        new(new DateOnly(year, month, day), reason, ClosureKind.Unscheduled);
}
