namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// A liveness probe: whether the silo at the endpoint is the generation asked for, and whether it serves. Sent as
/// <see cref="FrameKind.RereadMembership"/>, it is answered only after the silo has re-read the membership table, and
/// as not serving when that read failed.
/// </summary>
internal sealed class PendingPing(SiloAddress target, FrameKind kind = FrameKind.Ping) : PendingOperation(target)
{
    private readonly TaskCompletionSource<ProbeAnswer> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ProbeAnswer> Answer => _answer.Task;

    public override FrameBuffer BuildFrame(RemoteSilo silo, int timeoutMilliseconds, ClusterTransportOptions options)
    {
        var frame = FrameBuffer.Start(kind);
        frame.WriteInt64(Id);
        frame.WriteUtf8(silo.AddressUtf8);
        return frame;
    }

    public override void Complete(ResponseStatus status, ref FrameReader reader, ClusterTransportOptions options) =>
        _answer.TrySetResult(status switch
        {
            ResponseStatus.Ok => ProbeAnswer.Serving,
            ResponseStatus.NotServing => ProbeAnswer.NotServing,
            _ => ProbeAnswer.NoAnswer,
        });

    public override void Fail(Exception reason) => _answer.TrySetResult(ProbeAnswer.NoAnswer);

    public override void TimedOut() => _answer.TrySetResult(ProbeAnswer.NoAnswer);
}
