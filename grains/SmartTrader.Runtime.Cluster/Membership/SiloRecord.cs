namespace SmartTrader.Runtime.Cluster;

/// <summary>One row of the membership table as last read. Times are the database's clock.</summary>
public sealed record SiloRecord(
    ClusterSiloAddress Address,
    string Name,
    SiloStatus Status,
    long Version,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset StatusChangedAt)
{
    /// <summary>Joining, Active or ShuttingDown: it may host grains or still hold some.</summary>
    public bool IsLive => Status != SiloStatus.Dead;
}
