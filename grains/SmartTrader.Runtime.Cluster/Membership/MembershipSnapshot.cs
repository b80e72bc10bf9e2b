namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The membership table as one silo last read it: immutable, swapped whole. <see cref="Version"/> grows with every join
/// and status change, so silos holding the same version share one view.
/// </summary>
public sealed class MembershipSnapshot
{
    public static MembershipSnapshot Empty { get; } = new(0, [], DateTimeOffset.MinValue);

    private readonly Dictionary<SiloAddress, SiloRecord> _byAddress;

    public MembershipSnapshot(long version, IReadOnlyList<SiloRecord> silos, DateTimeOffset readAt)
    {
        Version = version;
        Silos = silos;
        ReadAt = readAt;
        _byAddress = silos.ToDictionary(s => s.Address.ToSiloAddress());
        ActiveSilos = silos.Where(s => s.Status == SiloStatus.Active).Select(s => s.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToArray();
    }

    public long Version { get; }

    /// <summary>Every row, dead ones included until they are cleaned up.</summary>
    public IReadOnlyList<SiloRecord> Silos { get; }

    /// <summary>The database's time when the table was read; heartbeat ages are measured against it.</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>The silos placement spreads grains over, in address order.</summary>
    public IReadOnlyList<ClusterSiloAddress> ActiveSilos { get; }

    public SiloRecord? Find(SiloAddress address) => _byAddress.GetValueOrDefault(address);

    public SiloRecord? Find(ClusterSiloAddress address) => Find(address.ToSiloAddress());

    /// <summary>Whether the silo is in the table and not dead. An address the table does not know counts as dead.</summary>
    public bool IsLive(SiloAddress address) => Find(address) is { IsLive: true };

    public TimeSpan HeartbeatAge(SiloRecord silo) => ReadAt - silo.HeartbeatAt;

    public override string ToString() =>
        $"v{Version}: " + string.Join(", ", Silos.Where(s => s.IsLive).Select(s => $"{s.Address} {s.Status}"));
}
