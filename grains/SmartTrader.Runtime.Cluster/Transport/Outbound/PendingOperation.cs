namespace SmartTrader.Runtime.Cluster;

/// <summary>A request or ping sent on an outbound connection, waiting for its answer under its id.</summary>
internal abstract class PendingOperation(SiloAddress target)
{
    public long Id { get; set; }
    public SiloAddress Target { get; } = target;

    /// <summary>When the caller stops waiting, as a <see cref="TimeProvider"/> timestamp; long.MaxValue for never.</summary>
    public long Deadline { get; private set; } = long.MaxValue;
    public TimeSpan Timeout { get; private set; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>Whether the callee should hear that the caller gave up.</summary>
    public virtual bool CancelsRemotely => false;

    public void SetDeadline(TimeSpan timeout, TimeProvider time)
    {
        Timeout = timeout;
        Deadline = timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
    }

    public abstract FrameBuffer BuildFrame(RemoteSilo silo, int timeoutMilliseconds, ClusterTransportOptions options);

    /// <summary>Sent: from now on the connection may be told to cancel it.</summary>
    public virtual void Attached(OutboundConnection connection) { }

    public abstract void Complete(ResponseStatus status, ref FrameReader reader, ClusterTransportOptions options);

    public abstract void Fail(Exception reason);

    public abstract void TimedOut();
}
