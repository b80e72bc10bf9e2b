using System.Collections.Immutable;

namespace SmartTrader.Trading.MarketData;

/// <summary>
/// Builds one-minute bars of last prices from quotes, keyed by the UTC minute they start. A minute without quotes
/// has no bar; a quote older than the bar being built, or than the last closed bar, is ignored. Keeps the last
/// <paramref name="capacity"/> bars.
/// </summary>
public sealed class BarAggregator(int capacity)
{
    private readonly Queue<Bar> _closed = new();
    private Bar? _current;

    /// <summary>Takes the quote into its minute's bar; true when that closed the bar before it.</summary>
    public bool Add(Quote quote)
    {
        var utc = quote.Time.ToUniversalTime();
        var minute = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
        if (_current is null)
        {
            if (_closed.Count == 0 || minute > _closed.Last().Start) _current = Open(quote, minute);
            return false;
        }
        if (minute > _current.Start)
        {
            Close(_current);
            _current = Open(quote, minute);
            return true;
        }
        if (minute == _current.Start)
        {
            _current = _current with
            {
                High = Math.Max(_current.High, quote.Last),
                Low = Math.Min(_current.Low, quote.Last),
                Close = quote.Last,
                Ticks = _current.Ticks + 1,
            };
        }
        return false;
    }

    /// <summary>The closed bars, oldest first, without the one still forming.</summary>
    public List<Bar> Closed() => [.. _closed];

    /// <summary>Starts again from bars closed earlier (oldest first); the minute after the last of them forms next.</summary>
    public void Restore(IEnumerable<Bar> closed)
    {
        _closed.Clear();
        _current = null;
        foreach (var bar in closed.OrderBy(b => b.Start)) Close(bar);
    }

    /// <summary>The latest <paramref name="count"/> bars, oldest first; the last one may still be forming.</summary>
    public ImmutableArray<Bar> Recent(int count)
    {
        IEnumerable<Bar> all = _current is null ? _closed : _closed.Append(_current);
        return [.. all.TakeLast(Math.Max(0, count))];
    }

    private static Bar Open(Quote quote, DateTimeOffset minute) => new(quote.Symbol, minute, quote.Last, quote.Last, quote.Last, quote.Last, 1);

    private void Close(Bar bar)
    {
        _closed.Enqueue(bar);
        while (_closed.Count >= capacity) _closed.Dequeue();
    }
}
