namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Asks another silo, directly over the silo-to-silo transport, whether it is alive. Membership uses it beside the
/// heartbeats in the table: a silo is declared dead only when it is silent in the table and does not answer probes.
/// </summary>
public interface ISiloProbe
{
    /// <summary>True when <paramref name="silo"/> (that exact generation) answered within <paramref name="timeout"/>.</summary>
    Task<bool> ProbeAsync(ClusterSiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken);
}
