using SmartTrader.Compliance.Calendar;

namespace SmartTrader.Compliance.Tests.Calendar;

public sealed class BusinessDayArithmeticTests
{
    private static readonly ExchangeCalendar Nyse = NyseCalendar.Instance;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");

    [Theory]
    [InlineData("2024-07-08", "2024-07-01")] // spans the July 4 holiday and a weekend
    [InlineData("2024-07-09", "2024-07-02")]
    [InlineData("2001-09-17", "2001-09-05")] // spans the four September 11 closures
    [InlineData("2025-01-10", "2025-01-03")] // spans the Carter closure and a weekend
    [InlineData("2024-04-02", "2024-03-26")] // spans Good Friday
    [InlineData("2024-12-02", "2024-11-25")] // spans Thanksgiving
    [InlineData("2024-06-14", "2024-06-10")] // a plain week
    public void The_five_business_days_ending_on_a_day_skip_weekends_and_closures(string end, string start) =>
        Nyse.WindowEndingOn(D(end), 5).Should().Be(new BusinessDayWindow(D(start), D(end), 5));

    [Fact]
    public void A_window_asked_for_a_closed_day_ends_on_the_trading_day_before_it()
    {
        Nyse.WindowEndingOn(D("2024-07-06"), 5).Should().Be(new BusinessDayWindow(D("2024-06-28"), D("2024-07-05"), 5));
        Nyse.WindowEndingOn(D("2024-07-04"), 1).Should().Be(new BusinessDayWindow(D("2024-07-03"), D("2024-07-03"), 1));
    }

    [Theory]
    [InlineData("2024-11-27", 1, "2024-11-29")]
    [InlineData("2012-10-26", 1, "2012-10-31")]
    [InlineData("2012-10-31", -1, "2012-10-26")]
    [InlineData("2024-06-14", 5, "2024-06-24")] // Juneteenth on Wednesday the 19th
    [InlineData("2024-06-15", 1, "2024-06-17")] // from a Saturday
    [InlineData("2024-06-15", -1, "2024-06-14")]
    [InlineData("2024-06-15", 0, "2024-06-17")]
    [InlineData("2024-06-14", 0, "2024-06-14")]
    [InlineData("2021-12-30", 1, "2021-12-31")]
    [InlineData("2021-12-31", 1, "2022-01-03")]
    public void Adds_business_days(string from, int days, string expected) =>
        Nyse.AddBusinessDays(D(from), days).Should().Be(D(expected));

    [Theory]
    [InlineData("2024-07-05", "2024-07-03", "2024-07-08")]
    [InlineData("2024-07-04", "2024-07-03", "2024-07-05")]
    [InlineData("2007-01-03", "2006-12-29", "2007-01-04")] // New Year's Day observed and the Ford closure
    [InlineData("2018-12-06", "2018-12-04", "2018-12-07")]
    public void Finds_the_previous_and_next_trading_day(string date, string previous, string next)
    {
        Nyse.PreviousTradingDay(D(date)).Should().Be(D(previous));
        Nyse.NextTradingDay(D(date)).Should().Be(D(next));
    }

    [Fact]
    public void Counts_trading_days_between_two_dates_both_included()
    {
        Nyse.TradingDaysBetween(D("2024-07-01"), D("2024-07-08")).Should().Be(5);
        Nyse.TradingDaysBetween(D("2024-07-06"), D("2024-07-07")).Should().Be(0);
        Nyse.TradingDaysBetween(D("2024-07-05"), D("2024-07-05")).Should().Be(1);
        var reversed = () => Nyse.TradingDaysBetween(D("2024-07-08"), D("2024-07-01"));
        reversed.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Ordinals_number_the_trading_days_consecutively()
    {
        var ordinal = 0;
        for (var date = Nyse.FirstDate; date <= Nyse.LastDate; date = date.AddDays(1))
        {
            if (!Nyse.IsTradingDay(date)) continue;
            Nyse.OrdinalOf(date).Should().Be(ordinal);
            Nyse.TradingDayAt(ordinal).Should().Be(date);
            ordinal++;
        }
        ordinal.Should().Be(Nyse.TradingDayCount);
        Nyse.TradingDayAt(0).Should().Be(D("2000-01-03"));
        Nyse.IsoDateAt(Nyse.OrdinalOf(D("2024-07-05"))).Should().Be("2024-07-05");
    }

    [Fact]
    public void The_ordinal_of_a_closed_day_is_refused()
    {
        var act = () => Nyse.OrdinalOf(D("2024-07-04"));
        act.Should().Throw<ArgumentException>().WithMessage("*2024-07-04 is not a trading day*");
        Nyse.OrdinalOnOrBefore(D("2024-07-04")).Should().Be(Nyse.OrdinalOf(D("2024-07-03")));
        Nyse.OrdinalOnOrAfter(D("2024-07-04")).Should().Be(Nyse.OrdinalOf(D("2024-07-05")));
    }

    [Theory]
    [InlineData("1999-12-31")]
    [InlineData("2051-01-01")]
    public void Dates_outside_the_supported_range_are_refused(string date)
    {
        var isTradingDay = () => Nyse.IsTradingDay(D(date));
        isTradingDay.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*covers 2000-01-01 to 2050-12-31*");
        var holiday = () => Nyse.HolidayOn(D(date));
        holiday.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Arithmetic_that_leaves_the_range_is_refused_rather_than_guessed()
    {
        var windowBeforeStart = () => Nyse.WindowEndingOn(D("2000-01-05"), 5);
        windowBeforeStart.Should().Throw<ArgumentOutOfRangeException>();
        var previousOfFirst = () => Nyse.PreviousTradingDay(D("2000-01-03"));
        previousOfFirst.Should().Throw<ArgumentOutOfRangeException>();
        var pastTheEnd = () => Nyse.AddBusinessDays(D("2050-12-30"), 2);
        pastTheEnd.Should().Throw<ArgumentOutOfRangeException>();
        Nyse.WindowEndingOn(D("2000-01-07"), 5).Start.Should().Be(D("2000-01-03"));
    }

    [Theory]
    [InlineData("2024-01-02T04:59:59Z", "2024-01-01")] // 23:59:59 EST
    [InlineData("2024-01-02T05:00:00Z", "2024-01-02")]
    [InlineData("2024-07-02T03:59:59Z", "2024-07-01")] // 23:59:59 EDT
    [InlineData("2024-07-02T04:00:00Z", "2024-07-02")]
    [InlineData("2024-03-10T06:59:00Z", "2024-03-10")] // the night clocks go forward
    [InlineData("2024-11-04T04:30:00Z", "2024-11-03")] // the day clocks go back is 25 hours long
    [InlineData("2024-07-01T20:00:00+09:00", "2024-07-01")] // 07:00 in New York
    public void The_date_of_a_time_is_its_date_in_new_york(string time, string date) =>
        Nyse.DateOf(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(D(date));

    [Theory]
    [InlineData("2024-07-03T19:30:00Z", "2024-07-03")]
    [InlineData("2024-07-04T15:00:00Z", "2024-07-05")] // a time on a holiday belongs to the next session
    [InlineData("2024-07-06T15:00:00Z", "2024-07-08")]
    public void The_trade_date_of_a_time_is_its_session(string time, string date) =>
        Nyse.TradeDateOf(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(D(date));

    [Fact]
    public void The_session_clock_agrees_with_the_calendar_across_day_and_offset_changes()
    {
        var clock = new SessionClock(Nyse);
        var start = new DateTimeOffset(2024, 3, 8, 0, 0, 0, TimeSpan.Zero);
        for (var minutes = 0; minutes < 60 * 24 * 4; minutes += 17)
        {
            var time = start.AddMinutes(minutes);
            clock.SessionOrdinalOf(time).Should().Be(Nyse.SessionOrdinalOf(time), $"at {time:O}");
        }
    }
}
