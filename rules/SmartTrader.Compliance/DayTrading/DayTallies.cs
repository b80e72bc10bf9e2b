namespace SmartTrader.Compliance.DayTrading;

/// <summary>
/// Per trading day with activity, oldest first: trades and day trades counted both ways. Days are appended in order, so
/// the window ending on the latest day is read from the tail; older windows are found by binary search.
/// </summary>
internal sealed class DayTallies
{
    private DayTally[] _days = new DayTally[16];
    private int _count;

    public struct DayTally
    {
        public int Day;
        public int Trades;
        public int Traditional;
        public int DirectionChange;
    }

    public int LastDay => _count == 0 ? -1 : _days[_count - 1].Day;

    /// <summary>The tally of <paramref name="day"/>, appended when it is later than the last one.</summary>
    public ref DayTally For(int day)
    {
        if (_count > 0 && _days[_count - 1].Day == day) return ref _days[_count - 1];
        if (_count == _days.Length) Array.Resize(ref _days, _days.Length * 2);
        _days[_count] = new DayTally { Day = day };
        return ref _days[_count++];
    }

    /// <summary>The sums over the days from <paramref name="firstDay"/> to <paramref name="lastDay"/>, both included.</summary>
    public DayTally Sum(int firstDay, int lastDay)
    {
        var sum = new DayTally { Day = lastDay };
        for (var i = LastIndexOnOrBefore(lastDay); i >= 0 && _days[i].Day >= firstDay; i--)
        {
            sum.Trades += _days[i].Trades;
            sum.Traditional += _days[i].Traditional;
            sum.DirectionChange += _days[i].DirectionChange;
        }
        return sum;
    }

    private int LastIndexOnOrBefore(int day)
    {
        if (_count == 0 || _days[_count - 1].Day <= day) return _count - 1;
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (_days[middle].Day <= day) low = middle + 1;
            else high = middle - 1;
        }
        return high;
    }
}
