namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// A call could not reach <see cref="Silo"/>, or its connection was lost before the answer came. Whether the grain
/// method ran there is unknown. Placement may treat the silo as suspect; the caller may retry once it has moved on.
/// </summary>
public sealed class SiloUnavailableException(SiloAddress silo, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public SiloAddress Silo { get; } = silo;
}
