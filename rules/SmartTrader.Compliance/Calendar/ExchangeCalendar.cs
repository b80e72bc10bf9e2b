using NodaTime;

namespace SmartTrader.Compliance.Calendar;

/// <summary>
/// The trading days of an exchange over a fixed range of years, precomputed: every day lookup is an array index.
/// Trading days are numbered consecutively (their ordinal, 0 for the first in the range), so "N business days back"
/// is a subtraction. Dates outside the range throw <see cref="ArgumentOutOfRangeException"/> rather than guess.
/// Thread-safe and immutable.
/// </summary>
public sealed partial class ExchangeCalendar
{
    private readonly int _firstDayNumber;
    private readonly int[] _ordinalOnOrBefore;
    private readonly bool[] _isTradingDay;
    private readonly DateOnly[] _tradingDays;
    private readonly string?[] _isoTradingDays;
    private readonly Dictionary<DateOnly, ExchangeHoliday> _closures;

    public ExchangeCalendar(
        string name, DateTimeZone timeZone, DateOnly firstDate, DateOnly lastDate, IEnumerable<ExchangeHoliday> closures)
    {
        if (lastDate < firstDate) throw new ArgumentException("The range ends before it starts.", nameof(lastDate));
        Name = name;
        TimeZone = timeZone;
        FirstDate = firstDate;
        LastDate = lastDate;
        _closures = closures
            .Where(c => c.Date >= firstDate && c.Date <= lastDate && !IsWeekend(c.Date))
            .ToDictionary(c => c.Date);

        _firstDayNumber = firstDate.DayNumber;
        var days = lastDate.DayNumber - _firstDayNumber + 1;
        _ordinalOnOrBefore = new int[days];
        _isTradingDay = new bool[days];
        var tradingDays = new List<DateOnly>(days * 5 / 7);
        for (var i = 0; i < days; i++)
        {
            var date = DateOnly.FromDayNumber(_firstDayNumber + i);
            if (!IsWeekend(date) && !_closures.ContainsKey(date))
            {
                _isTradingDay[i] = true;
                tradingDays.Add(date);
            }
            _ordinalOnOrBefore[i] = tradingDays.Count - 1;
        }
        _tradingDays = [.. tradingDays];
        _isoTradingDays = new string?[_tradingDays.Length];
    }

    public string Name { get; }

    /// <summary>The exchange's time zone; a fill's trade date is its date there.</summary>
    public DateTimeZone TimeZone { get; }

    public DateOnly FirstDate { get; }

    public DateOnly LastDate { get; }

    /// <summary>How many trading days the range holds; ordinals run from 0 to one less than this.</summary>
    public int TradingDayCount => _tradingDays.Length;

    public bool IsTradingDay(DateOnly date) => _isTradingDay[IndexOf(date)];

    /// <summary>The holiday or closure on a weekday the exchange is closed; null on trading days and weekends.</summary>
    public ExchangeHoliday? HolidayOn(DateOnly date)
    {
        IndexOf(date);
        return _closures.GetValueOrDefault(date);
    }

    /// <summary>The weekday closures of one year, in date order.</summary>
    public IReadOnlyList<ExchangeHoliday> HolidaysIn(int year)
    {
        IndexOf(new DateOnly(year, 1, 1));
        IndexOf(new DateOnly(year, 12, 31));
        return [.. _closures.Values.Where(c => c.Date.Year == year).OrderBy(c => c.Date)];
    }

    /// <summary>The last trading day strictly before <paramref name="date"/>.</summary>
    public DateOnly PreviousTradingDay(DateOnly date) => TradingDayAt(OrdinalOnOrBefore(date.AddDays(-1)));

    /// <summary>The first trading day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextTradingDay(DateOnly date) => TradingDayAt(OrdinalOnOrAfter(date.AddDays(1)));

    /// <summary>How many trading days lie between <paramref name="first"/> and <paramref name="last"/>, both included.</summary>
    public int TradingDaysBetween(DateOnly first, DateOnly last)
    {
        if (last < first) throw new ArgumentException("The period ends before it starts.", nameof(last));
        return OrdinalOnOrBefore(last) - OrdinalOnOrAfter(first) + 1;
    }

    /// <summary>
    /// The <paramref name="businessDays"/> trading days ending on <paramref name="date"/>, or on the last trading day
    /// before it when the exchange is closed that day.
    /// </summary>
    public BusinessDayWindow WindowEndingOn(DateOnly date, int businessDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessDays, 1);
        var end = OrdinalOnOrBefore(date);
        return new(TradingDayAt(end - businessDays + 1), TradingDayAt(end), businessDays);
    }

    /// <summary>
    /// The trading day <paramref name="businessDays"/> trading days after <paramref name="date"/> (before it when
    /// negative). From a closed day, +1 is the next trading day and -1 the previous one; 0 gives the trading day on or
    /// after <paramref name="date"/>.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly date, int businessDays) => businessDays switch
    {
        > 0 => TradingDayAt(OrdinalOnOrBefore(date) + businessDays),
        < 0 => TradingDayAt(OrdinalOnOrAfter(date) + businessDays),
        _ => TradingDayAt(OrdinalOnOrAfter(date)),
    };

    /// <summary>The ordinal of a trading day; throws when the exchange is closed that day.</summary>
    public int OrdinalOf(DateOnly tradingDay)
    {
        var index = IndexOf(tradingDay);
        if (!_isTradingDay[index]) throw new ArgumentException($"{tradingDay:yyyy-MM-dd} is not a trading day of {Name}.", nameof(tradingDay));
        return _ordinalOnOrBefore[index];
    }

    /// <summary>The ordinal of the last trading day on or before <paramref name="date"/>.</summary>
    public int OrdinalOnOrBefore(DateOnly date)
    {
        var ordinal = _ordinalOnOrBefore[IndexOf(date)];
        return ordinal >= 0 ? ordinal : throw OutOfRange(date, "has no trading day on or before it");
    }

    /// <summary>The ordinal of the first trading day on or after <paramref name="date"/>.</summary>
    public int OrdinalOnOrAfter(DateOnly date)
    {
        var index = IndexOf(date);
        var ordinal = _isTradingDay[index] ? _ordinalOnOrBefore[index] : _ordinalOnOrBefore[index] + 1;
        return ordinal < _tradingDays.Length ? ordinal : throw OutOfRange(date, "has no trading day on or after it");
    }

    /// <summary>The trading day with ordinal <paramref name="ordinal"/>.</summary>
    public DateOnly TradingDayAt(int ordinal) =>
        (uint)ordinal < (uint)_tradingDays.Length
            ? _tradingDays[ordinal]
            : throw new ArgumentOutOfRangeException(
                nameof(ordinal), ordinal, $"The {Name} calendar covers {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd} only.");

    /// <summary>The trading day with ordinal <paramref name="ordinal"/> as "yyyy-MM-dd", formatted once and kept.</summary>
    public string IsoDateAt(int ordinal)
    {
        var date = TradingDayAt(ordinal);
        return _isoTradingDays[ordinal] ??= date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private int IndexOf(DateOnly date)
    {
        var index = date.DayNumber - _firstDayNumber;
        return (uint)index < (uint)_isTradingDay.Length ? index : throw OutOfRange(date, "is outside the calendar");
    }

    private ArgumentOutOfRangeException OutOfRange(DateOnly date, string problem) =>
        new(nameof(date), date, $"{date:yyyy-MM-dd} {problem}: the {Name} calendar covers {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd}.");

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
