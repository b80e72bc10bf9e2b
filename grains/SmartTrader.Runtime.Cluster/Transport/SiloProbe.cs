namespace SmartTrader.Runtime.Cluster;

/// <summary>Probes a silo with a ping frame on the transport; only the generation asked for counts as alive.</summary>
internal sealed class SiloProbe(TransportClient client) : ISiloProbe
{
    public Task<ProbeAnswer> ProbeAsync(ClusterSiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken) =>
        client.PingAsync(silo.ToSiloAddress(), timeout, cancellationToken);
}
