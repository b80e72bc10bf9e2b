namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// This silo may not serve grains: it has not joined the cluster yet, it was declared dead, or it could not heartbeat
/// within the death limit, so its peers may already host its grains elsewhere.
/// </summary>
public sealed class SiloNotServingException(string message) : Exception(message);
