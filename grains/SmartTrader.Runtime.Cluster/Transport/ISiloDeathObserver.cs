namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// What the transport needs to hear from membership. A host that dies without closing its connections (power loss,
/// network partition) leaves calls waiting until their timeout; once membership declares the silo dead, those calls
/// fail at once with <see cref="SiloUnavailableException"/>, and the silo, should it still be alive, is told to cancel them.
/// </summary>
public interface ISiloDeathObserver
{
    void OnSiloDeclaredDead(ClusterSiloAddress silo);
}
