namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Grain calls this silo sent to other silos and received from them since it started, in total and by method
/// (<c>IInterface.Method</c>). A call forwarded by a silo that does not hold the grain counts on both legs.
/// </summary>
public sealed record RemoteCallCounts(
    long Sent, long Received, IReadOnlyDictionary<string, long> SentByMethod, IReadOnlyDictionary<string, long> ReceivedByMethod);

/// <summary>The transport's call counts, for diagnostics (GET /api/cluster) and the cluster benchmarks.</summary>
public interface IRemoteCallStatistics
{
    RemoteCallCounts Counts();
}

internal sealed class RemoteCallStatistics(RemoteMethods methods) : IRemoteCallStatistics
{
    public RemoteCallCounts Counts() => methods.Counts();
}
