namespace SmartTrader.Runtime.Cluster;

/// <summary>One membership snapshot prepared for placement: rendezvous over its Active silos.</summary>
internal sealed class PlacementView(MembershipSnapshot snapshot)
{
    public static PlacementView Empty { get; } = new(MembershipSnapshot.Empty);

    public MembershipSnapshot Snapshot { get; } = snapshot;
    public long Version => Snapshot.Version;
    public RendezvousPlacement ActiveSilos { get; } = new(snapshot.ActiveSilos);

    /// <summary>Every silo of the snapshot not declared dead.</summary>
    public IReadOnlyList<SiloAddress> LiveSilos { get; } = [.. snapshot.Silos.Where(s => s.IsLive).Select(s => s.Address.ToSiloAddress())];

    public bool IsLive(SiloAddress silo) => Snapshot.IsLive(silo);
}
