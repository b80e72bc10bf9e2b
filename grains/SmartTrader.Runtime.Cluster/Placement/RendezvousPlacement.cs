namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Rendezvous (highest random weight) hashing: each grain goes to the silo with the highest score for the pair. Grains
/// spread evenly, and when a silo joins or leaves only the grains it gains or loses move.
/// </summary>
internal sealed class RendezvousPlacement
{
    private readonly ClusterSiloAddress[] _silos;
    private readonly SiloAddress[] _addresses;
    private readonly ulong[] _weights;

    /// <param name="silos">The candidates. A silo's weight comes from its endpoint, not its generation: a silo restarted on
    /// the same endpoint gets its grains back.</param>
    public RendezvousPlacement(IEnumerable<ClusterSiloAddress> silos)
    {
        _silos = silos.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToArray();
        _addresses = _silos.Select(s => s.ToSiloAddress()).ToArray();
        _weights = _silos.Select(s => StableHash.Of($"{s.Host}:{s.Port}")).ToArray();
    }

    public int Count => _silos.Length;

    public IReadOnlyList<ClusterSiloAddress> Silos => _silos;

    /// <summary>The owner of the grain, or null when there is no candidate.</summary>
    public SiloAddress? OwnerOf(GrainId grainId)
    {
        if (_weights.Length == 0) return null;
        var grainHash = StableHash.Of(grainId);
        var best = 0;
        var bestScore = StableHash.Mix(grainHash ^ _weights[0]);
        for (var i = 1; i < _weights.Length; i++)
        {
            var score = StableHash.Mix(grainHash ^ _weights[i]);
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }
        return _addresses[best];
    }
}
