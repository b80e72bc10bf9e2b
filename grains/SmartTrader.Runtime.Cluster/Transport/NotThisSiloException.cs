namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The call reached the endpoint of <see cref="Target"/>, but the silo listening there is another generation
/// (<see cref="Actual"/>): the caller's view of the cluster is stale. Nothing was invoked.
/// </summary>
public sealed class NotThisSiloException(SiloAddress target, SiloAddress actual)
    : Exception($"The call was addressed to silo {target}, but the silo at that endpoint is {actual}; nothing was invoked.")
{
    public SiloAddress Target { get; } = target;
    public SiloAddress Actual { get; } = actual;
}
