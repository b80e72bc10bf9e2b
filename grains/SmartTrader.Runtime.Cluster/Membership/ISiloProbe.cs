namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Asks another silo, directly over the silo-to-silo transport, whether it is alive and serving. Membership uses it
/// beside the heartbeats in the table: a silo silent in the table is declared dead when it does not answer, or when it
/// answers that it is not serving while the prober itself reaches the table.
/// </summary>
public interface ISiloProbe
{
    /// <summary>What <paramref name="silo"/> (that exact generation) answered within <paramref name="timeout"/>.</summary>
    Task<ProbeAnswer> ProbeAsync(ClusterSiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>A probed silo's answer.</summary>
public enum ProbeAnswer
{
    /// <summary>No answer from that generation: unreachable, too slow, or another life on its endpoint.</summary>
    NoAnswer,

    /// <summary>Alive, but not serving: it cannot reach the membership table (its lease lapsed), or it was fenced.</summary>
    NotServing,

    /// <summary>Alive and serving.</summary>
    Serving,
}
