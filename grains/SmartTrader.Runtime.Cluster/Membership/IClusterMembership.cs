namespace SmartTrader.Runtime.Cluster;

/// <summary>This silo's view of the cluster, kept in memory and refreshed every heartbeat period.</summary>
public interface IClusterMembership
{
    ClusterSiloAddress LocalSilo { get; }

    /// <summary>The table as last read; replaced whole, never changed.</summary>
    MembershipSnapshot Current { get; }

    SiloStatus LocalStatus { get; }

    /// <summary>Joined, not declared dead, and heartbeating within the death limit.</summary>
    bool IsServing { get; }

    /// <summary>Raised (on the membership agent's thread) when a read shows a new cluster version.</summary>
    event Action<MembershipSnapshot>? Changed;
}
