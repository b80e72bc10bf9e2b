using System.Collections.Concurrent;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// What this silo learned from the directory: which silo holds each grain it registered or tried to. Entries naming a
/// silo that is no longer live are dropped on every membership change; the table stays the authority.
/// </summary>
internal sealed class DirectoryCache(int capacity = 200_000)
{
    private readonly ConcurrentDictionary<GrainId, SiloAddress> _holders = new();

    public int Count => _holders.Count;

    public bool TryGet(GrainId grainId, out SiloAddress holder) => _holders.TryGetValue(grainId, out holder);

    public void Set(GrainId grainId, SiloAddress holder)
    {
        // A crude bound: forgetting only costs directory reads.
        if (_holders.Count >= capacity) _holders.Clear();
        _holders[grainId] = holder;
    }

    /// <summary>Forgets the entry if it still names <paramref name="holder"/>.</summary>
    public void Remove(GrainId grainId, SiloAddress holder) => _holders.TryRemove(KeyValuePair.Create(grainId, holder));

    public void RemoveHoldersNotIn(PlacementView view)
    {
        foreach (var (grainId, holder) in _holders)
            if (!view.IsLive(holder)) Remove(grainId, holder);
    }
}
