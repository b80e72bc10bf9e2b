namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// A grain on another silo failed with an exception this silo does not rebuild (not a known, safe type and no codec
/// registered for it). Carries the remote type name and message; the remote stack trace never travels.
/// </summary>
public sealed class RemoteGrainException(string remoteType, string message, RemoteGrainException? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Full name of the exception type thrown on the remote silo.</summary>
    public string RemoteType { get; } = remoteType;
}
