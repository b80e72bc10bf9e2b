using System.Collections.Immutable;

namespace SmartTrader.Trading.MarketData;

/// <summary>
/// Builds one-minute bars of last prices from quotes, keyed by the UTC minute they start. A minute without quotes
/// has no bar; a quote older than the bar being built is ignored. Keeps the last <paramref name="capacity"/> bars.
/// </summary>
public sealed class BarAggregator(int capacity)
{
    private readonly Queue<Bar> _closed = new();
    private Bar? _current;

    public void Add(Quote quote)
    {
        var utc = quote.Time.ToUniversalTime();
        var minute = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
        if (_current is null || minute > _current.Start)
        {
            if (_current is not null) Close(_current);
            _current = new Bar(quote.Symbol, minute, quote.Last, quote.Last, quote.Last, quote.Last, 1);
        }
        else if (minute == _current.Start)
        {
            _current = _current with
            {
                High = Math.Max(_current.High, quote.Last),
                Low = Math.Min(_current.Low, quote.Last),
                Close = quote.Last,
                Ticks = _current.Ticks + 1,
            };
        }
    }

    /// <summary>The latest <paramref name="count"/> bars, oldest first; the last one may still be forming.</summary>
    public ImmutableArray<Bar> Recent(int count)
    {
        IEnumerable<Bar> all = _current is null ? _closed : _closed.Append(_current);
        return [.. all.TakeLast(Math.Max(0, count))];
    }

    private void Close(Bar bar)
    {
        _closed.Enqueue(bar);
        while (_closed.Count >= capacity) _closed.Dequeue();
    }
}
