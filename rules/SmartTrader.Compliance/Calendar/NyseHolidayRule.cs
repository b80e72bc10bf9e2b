namespace SmartTrader.Compliance.Calendar;

/// <summary>
/// The full-day holidays of NYSE Rule 7.2 for one year, worked out by rule. A holiday on a Saturday closes the
/// exchange on the Friday before and one on a Sunday closes it on the Monday after, except that the exchange stays open
/// on a Friday that ends a month (New Year's Day on a Saturday leaves December 31 a trading day).
/// </summary>
internal static class NyseHolidayRule
{
    public const int FirstJuneteenthYear = 2022;

    public static IEnumerable<ExchangeHoliday> HolidaysOf(int year)
    {
        var observed = new[]
        {
            Observe(new DateOnly(year, 1, 1), "New Year's Day"),
            Fixed(NthWeekday(year, 1, DayOfWeek.Monday, 3), "Martin Luther King, Jr. Day"),
            Fixed(NthWeekday(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday"),
            Fixed(Easter.SundayOf(year).AddDays(-2), "Good Friday"),
            Fixed(LastWeekday(year, 5, DayOfWeek.Monday), "Memorial Day"),
            year >= FirstJuneteenthYear ? Observe(new DateOnly(year, 6, 19), "Juneteenth National Independence Day") : null,
            Observe(new DateOnly(year, 7, 4), "Independence Day"),
            Fixed(NthWeekday(year, 9, DayOfWeek.Monday, 1), "Labor Day"),
            Fixed(NthWeekday(year, 11, DayOfWeek.Thursday, 4), "Thanksgiving Day"),
            Observe(new DateOnly(year, 12, 25), "Christmas Day"),
        };
        return observed.OfType<ExchangeHoliday>();
    }

    private static ExchangeHoliday Fixed(DateOnly date, string name) => new(date, name, ClosureKind.Holiday);

    private static ExchangeHoliday? Observe(DateOnly date, string name)
    {
        switch (date.DayOfWeek)
        {
            case DayOfWeek.Saturday:
                var friday = date.AddDays(-1);
                return friday.Month == date.Month ? new(friday, $"{name} (observed)", ClosureKind.Holiday) : null;
            case DayOfWeek.Sunday:
                return new(date.AddDays(1), $"{name} (observed)", ClosureKind.Holiday);
            default:
                return Fixed(date, name);
        }
    }

    private static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7 * (n - 1));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-offset);
    }
}
