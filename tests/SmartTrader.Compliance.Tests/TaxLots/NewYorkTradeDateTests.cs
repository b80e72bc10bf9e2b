using SmartTrader.Compliance.Calendar;

namespace SmartTrader.Compliance.Tests.TaxLots;

public sealed class NewYorkTradeDateTests
{
    [Theory]
    [InlineData("2024-03-10T06:59:00Z", "2024-03-10")] // 01:59 EST, a minute before the clocks go forward
    [InlineData("2024-03-10T07:00:00Z", "2024-03-10")] // 03:00 EDT
    [InlineData("2024-03-11T03:59:00Z", "2024-03-10")] // 23:59 EDT
    [InlineData("2024-03-11T04:00:00Z", "2024-03-11")]
    [InlineData("2024-11-03T04:30:00Z", "2024-11-03")] // 00:30 EDT
    [InlineData("2024-11-04T04:30:00Z", "2024-11-03")] // 23:30 EST
    [InlineData("2024-11-04T05:00:00Z", "2024-11-04")]
    [InlineData("1899-12-31T12:00:00Z", "1899-12-31")] // before the zone's first recorded change
    [InlineData("2099-07-01T03:59:00Z", "2099-06-30")]
    public void The_trade_date_is_the_date_on_a_New_York_clock(string instant, string date)
    {
        var dates = new ZoneDates(NyseCalendar.TimeZone);

        var day = dates.DayOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        DateOnly.FromDayNumber(day).Should().Be(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Going_back_and_forth_across_a_clock_change_gives_the_same_answers()
    {
        var dates = new ZoneDates(NyseCalendar.TimeZone);
        var summer = new DateTimeOffset(2024, 7, 1, 3, 30, 0, TimeSpan.Zero);   // 23:30 EDT on 30 June
        var winter = new DateTimeOffset(2024, 12, 1, 4, 30, 0, TimeSpan.Zero);  // 23:30 EST on 30 November

        int[] days = [dates.DayOf(summer), dates.DayOf(winter), dates.DayOf(summer), dates.DayOf(winter)];

        days.Select(DateOnly.FromDayNumber).Should().Equal(
            new DateOnly(2024, 6, 30), new DateOnly(2024, 11, 30), new DateOnly(2024, 6, 30), new DateOnly(2024, 11, 30));
    }
}
