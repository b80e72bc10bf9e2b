namespace SmartTrader.Compliance.Calendar;

/// <summary>Western (Gregorian) Easter Sunday by the anonymous Gregorian computus.</summary>
internal static class Easter
{
    public static DateOnly SundayOf(int year)
    {
        var goldenNumber = year % 19;
        var century = year / 100;
        var yearOfCentury = year % 100;
        var skippedLeapYears = century / 4;
        var centuryRemainder = century % 4;
        var moonCorrection = (century + 8) / 25;
        var leapCorrection = (century - moonCorrection + 1) / 3;
        var epact = (19 * goldenNumber + century - skippedLeapYears - leapCorrection + 15) % 30;
        var leapYearsOfCentury = yearOfCentury / 4;
        var yearRemainder = yearOfCentury % 4;
        var daysToSunday = (32 + 2 * centuryRemainder + 2 * leapYearsOfCentury - epact - yearRemainder) % 7;
        var lunarAdjustment = (goldenNumber + 11 * epact + 22 * daysToSunday) / 451;
        var daysAfterMarch22 = epact + daysToSunday - 7 * lunarAdjustment;
        var month = (daysAfterMarch22 + 114) / 31;
        var day = (daysAfterMarch22 + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
