namespace SmartTrader.Trading.Domain;

/// <summary>
/// An account's fills in time order (ties by fill id), served a page at a time: from a time on, or after a fill of
/// an earlier page. Finding a page costs a binary search, not a pass over every order the account has made.
/// </summary>
public sealed class FillLog
{
    /// <summary>How an account's fills are listed: by time, ties by fill id.</summary>
    public static readonly IComparer<Fill> TimeOrder = Comparer<Fill>.Create((a, b) =>
    {
        var byTime = a.Time.CompareTo(b.Time);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.FillId, b.FillId);
    });

    private readonly List<Fill> _fills;
    private readonly Dictionary<string, Fill> _byId;

    /// <summary>Fills of one account in any order; a fill id seen again is ignored.</summary>
    public FillLog(IEnumerable<Fill> fills)
    {
        _byId = new Dictionary<string, Fill>(StringComparer.Ordinal);
        _fills = [.. fills.Where(f => _byId.TryAdd(f.FillId, f))];
        _fills.Sort(TimeOrder);
    }

    public int Count => _fills.Count;

    /// <summary>Adds a fill in its place; a venue's fill can be stamped before the latest. A fill already here is ignored.</summary>
    public void Add(Fill fill)
    {
        if (!_byId.TryAdd(fill.FillId, fill)) return;
        var at = _fills.Count == 0 || TimeOrder.Compare(_fills[^1], fill) < 0 ? _fills.Count : ~_fills.BinarySearch(fill, TimeOrder);
        _fills.Insert(at, fill);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> fills at or after <paramref name="since"/>, from just after the fill
    /// <paramref name="after"/>. Null when <paramref name="after"/> is not one of those fills.
    /// </summary>
    public FillPage? Page(DateTimeOffset? since, int limit, string? after)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        int start;
        if (after is null) start = since is { } from ? FirstAtOrAfter(from) : 0;
        else if (_byId.TryGetValue(after, out var previous) && (since is null || previous.Time >= since)) start = _fills.BinarySearch(previous, TimeOrder) + 1;
        else return null;

        var page = _fills.GetRange(start, Math.Min(limit, _fills.Count - start));
        return new FillPage([.. page], start + page.Count < _fills.Count ? page[^1].FillId : null);
    }

    private int FirstAtOrAfter(DateTimeOffset time)
    {
        int low = 0, high = _fills.Count;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (_fills[middle].Time < time) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
