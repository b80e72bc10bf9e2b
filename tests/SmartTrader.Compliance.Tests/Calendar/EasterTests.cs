using SmartTrader.Compliance.Calendar;

namespace SmartTrader.Compliance.Tests.Calendar;

public sealed class EasterTests
{
    public static TheoryData<int, int, int> EasterSundays => new()
    {
        { 2000, 4, 23 }, { 2001, 4, 15 }, { 2002, 3, 31 }, { 2003, 4, 20 }, { 2004, 4, 11 }, { 2005, 3, 27 },
        { 2006, 4, 16 }, { 2007, 4, 8 }, { 2008, 3, 23 }, { 2009, 4, 12 }, { 2010, 4, 4 }, { 2011, 4, 24 },
        { 2012, 4, 8 }, { 2013, 3, 31 }, { 2014, 4, 20 }, { 2015, 4, 5 }, { 2016, 3, 27 }, { 2017, 4, 16 },
        { 2018, 4, 1 }, { 2019, 4, 21 }, { 2020, 4, 12 }, { 2021, 4, 4 }, { 2022, 4, 17 }, { 2023, 4, 9 },
        { 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4, 5 }, { 2027, 3, 28 }, { 2028, 4, 16 }, { 2029, 4, 1 },
        { 2030, 4, 21 }, { 2031, 4, 13 }, { 2032, 3, 28 }, { 2033, 4, 17 }, { 2034, 4, 9 }, { 2035, 3, 25 },
        { 2038, 4, 25 },
    };

    [Theory]
    [MemberData(nameof(EasterSundays))]
    public void Computes_western_easter_sunday(int year, int month, int day) =>
        Easter.SundayOf(year).Should().Be(new DateOnly(year, month, day));

    [Fact]
    public void Easter_is_always_a_sunday_between_march_22_and_april_25()
    {
        for (var year = 1900; year <= 2100; year++)
        {
            var easter = Easter.SundayOf(year);
            easter.DayOfWeek.Should().Be(DayOfWeek.Sunday, $"Easter {year}");
            easter.Should().BeOnOrAfter(new DateOnly(year, 3, 22)).And.BeOnOrBefore(new DateOnly(year, 4, 25));
        }
    }
}
