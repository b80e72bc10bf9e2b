using SmartTrader.Compliance.Calendar;

namespace SmartTrader.Compliance.Tests.Calendar;

public sealed class NyseHolidayTests
{
    private static readonly ExchangeCalendar Nyse = NyseCalendar.Instance;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");

    [Theory]
    // Published NYSE schedules; 2022 has no New Year's closure and 2021 no Juneteenth.
    [InlineData(2021, "2021-01-01 2021-01-18 2021-02-15 2021-04-02 2021-05-31 2021-07-05 2021-09-06 2021-11-25 2021-12-24")]
    [InlineData(2022, "2022-01-17 2022-02-21 2022-04-15 2022-05-30 2022-06-20 2022-07-04 2022-09-05 2022-11-24 2022-12-26")]
    [InlineData(2023, "2023-01-02 2023-01-16 2023-02-20 2023-04-07 2023-05-29 2023-06-19 2023-07-04 2023-09-04 2023-11-23 2023-12-25")]
    [InlineData(2024, "2024-01-01 2024-01-15 2024-02-19 2024-03-29 2024-05-27 2024-06-19 2024-07-04 2024-09-02 2024-11-28 2024-12-25")]
    [InlineData(2025, "2025-01-01 2025-01-09 2025-01-20 2025-02-17 2025-04-18 2025-05-26 2025-06-19 2025-07-04 2025-09-01 2025-11-27 2025-12-25")]
    [InlineData(2026, "2026-01-01 2026-01-19 2026-02-16 2026-04-03 2026-05-25 2026-06-19 2026-07-03 2026-09-07 2026-11-26 2026-12-25")]
    [InlineData(2027, "2027-01-01 2027-01-18 2027-02-15 2027-03-26 2027-05-31 2027-06-18 2027-07-05 2027-09-06 2027-11-25 2027-12-24")]
    [InlineData(2001, "2001-01-01 2001-01-15 2001-02-19 2001-04-13 2001-05-28 2001-07-04 2001-09-03 2001-09-11 2001-09-12 2001-09-13 2001-09-14 2001-11-22 2001-12-25")]
    [InlineData(2012, "2012-01-02 2012-01-16 2012-02-20 2012-04-06 2012-05-28 2012-07-04 2012-09-03 2012-10-29 2012-10-30 2012-11-22 2012-12-25")]
    public void Lists_the_weekday_closures_of_a_year(int year, string dates) =>
        Nyse.HolidaysIn(year).Select(h => h.Date).Should().Equal(dates.Split(' ').Select(D));

    [Theory]
    [InlineData("2010-12-31")] // New Year's Day 2011 was a Saturday: the Friday ends the year, so the exchange opened
    [InlineData("2021-12-31")]
    [InlineData("2027-12-31")]
    [InlineData("2022-01-03")] // and the Monday after is no holiday either
    public void A_saturday_new_years_day_closes_neither_the_friday_before_nor_the_monday_after(string date)
    {
        Nyse.IsTradingDay(D(date)).Should().BeTrue();
        Nyse.HolidayOn(D(date)).Should().BeNull();
    }

    [Theory]
    [InlineData("2006-01-02", "New Year's Day (observed)")]
    [InlineData("2023-01-02", "New Year's Day (observed)")]
    [InlineData("2022-06-20", "Juneteenth National Independence Day (observed)")]
    [InlineData("2021-07-05", "Independence Day (observed)")]
    [InlineData("2022-12-26", "Christmas Day (observed)")]
    public void A_sunday_holiday_closes_the_monday_after(string date, string name)
    {
        var holiday = Nyse.HolidayOn(D(date));
        holiday.Should().Be(new ExchangeHoliday(D(date), name, ClosureKind.Holiday));
        Nyse.IsTradingDay(D(date)).Should().BeFalse();
    }

    [Theory]
    [InlineData("2015-07-03", "Independence Day (observed)")]
    [InlineData("2020-07-03", "Independence Day (observed)")]
    [InlineData("2026-07-03", "Independence Day (observed)")]
    [InlineData("2004-12-24", "Christmas Day (observed)")]
    [InlineData("2021-12-24", "Christmas Day (observed)")]
    [InlineData("2027-06-18", "Juneteenth National Independence Day (observed)")]
    public void A_saturday_holiday_inside_a_month_closes_the_friday_before(string date, string name)
    {
        Nyse.HolidayOn(D(date))!.Name.Should().Be(name);
        Nyse.IsTradingDay(D(date)).Should().BeFalse();
    }

    [Fact]
    public void Juneteenth_is_a_holiday_from_2022_only()
    {
        Nyse.IsTradingDay(D("2021-06-18")).Should().BeTrue("June 19, 2021 fell on a Saturday before the exchange adopted the holiday");
        Nyse.HolidaysIn(2021).Should().NotContain(h => h.Name.StartsWith("Juneteenth"));
        Nyse.IsTradingDay(D("2022-06-20")).Should().BeFalse();
        Nyse.IsTradingDay(D("2023-06-19")).Should().BeFalse();
        Nyse.IsTradingDay(D("2024-06-19")).Should().BeFalse();
    }

    [Theory]
    [InlineData("2000-04-21")]
    [InlineData("2008-03-21")]
    [InlineData("2011-04-22")]
    [InlineData("2024-03-29")]
    [InlineData("2035-03-23")]
    [InlineData("2038-04-23")]
    public void Good_friday_is_two_days_before_easter(string date)
    {
        Nyse.HolidayOn(D(date)).Should().Be(new ExchangeHoliday(D(date), "Good Friday", ClosureKind.Holiday));
        Nyse.IsTradingDay(D(date).AddDays(-1)).Should().BeTrue("the Thursday before Good Friday trades");
        Nyse.IsTradingDay(D(date).AddDays(3)).Should().BeTrue("Easter Monday trades");
    }

    [Theory]
    [InlineData("2000-01-17", "Martin Luther King, Jr. Day")] // third Monday, earliest possible
    [InlineData("2029-01-15", "Martin Luther King, Jr. Day")]
    [InlineData("2024-01-15", "Martin Luther King, Jr. Day")]
    [InlineData("2005-01-17", "Martin Luther King, Jr. Day")]
    [InlineData("2026-02-16", "Washington's Birthday")]
    [InlineData("2032-02-16", "Washington's Birthday")]
    [InlineData("2021-05-31", "Memorial Day")] // last Monday: the 31st
    [InlineData("2026-05-25", "Memorial Day")] // last Monday: the 25th, with no later Monday in May
    [InlineData("2025-09-01", "Labor Day")]
    [InlineData("2026-09-07", "Labor Day")]
    [InlineData("2024-11-28", "Thanksgiving Day")] // fourth Thursday, latest possible
    [InlineData("2029-11-22", "Thanksgiving Day")] // earliest possible
    public void Floating_holidays_fall_on_their_weekday_of_the_month(string date, string name) =>
        Nyse.HolidayOn(D(date))!.Name.Should().Be(name);

    [Theory]
    [InlineData("2001-09-11")]
    [InlineData("2001-09-14")]
    [InlineData("2004-06-11")]
    [InlineData("2007-01-02")]
    [InlineData("2012-10-29")]
    [InlineData("2012-10-30")]
    [InlineData("2018-12-05")]
    [InlineData("2025-01-09")]
    public void Unscheduled_closures_are_closed_days(string date)
    {
        Nyse.IsTradingDay(D(date)).Should().BeFalse();
        Nyse.HolidayOn(D(date))!.Kind.Should().Be(ClosureKind.Unscheduled);
    }

    [Theory]
    [InlineData("2001-09-10")]
    [InlineData("2001-09-17")]
    [InlineData("2012-10-31")]
    [InlineData("2025-01-08")]
    [InlineData("2025-01-10")]
    public void The_days_around_unscheduled_closures_traded(string date) =>
        Nyse.IsTradingDay(D(date)).Should().BeTrue();

    [Fact]
    public void Weekends_are_closed_but_are_not_holidays()
    {
        Nyse.IsTradingDay(D("2024-06-15")).Should().BeFalse();
        Nyse.IsTradingDay(D("2024-06-16")).Should().BeFalse();
        Nyse.HolidayOn(D("2024-06-15")).Should().BeNull();
        Nyse.HolidayOn(D("2022-01-01")).Should().BeNull("New Year's Day 2022 fell on a Saturday and was not observed");
    }

    [Theory]
    [InlineData(2022, 251)]
    [InlineData(2023, 250)]
    [InlineData(2024, 252)]
    [InlineData(2001, 248)]
    [InlineData(2012, 250)]
    public void Counts_the_trading_days_of_a_year(int year, int days) =>
        Nyse.TradingDaysBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)).Should().Be(days);

    [Fact]
    public void Every_year_of_the_range_has_ten_holidays_or_nine_when_one_falls_on_a_weekend_unobserved()
    {
        for (var year = 2000; year <= 2050; year++)
        {
            var scheduled = Nyse.HolidaysIn(year).Count(h => h.Kind == ClosureKind.Holiday);
            var expected = (year >= 2022 ? 10 : 9) - (new DateOnly(year, 1, 1).DayOfWeek == DayOfWeek.Saturday ? 1 : 0);
            scheduled.Should().Be(expected, $"the holidays of {year}");
        }
    }
}
