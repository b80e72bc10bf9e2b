namespace SmartTrader.Runtime.Cluster;

/// <summary>A liveness probe: true when the silo at the endpoint answered and is the generation asked for.</summary>
internal sealed class PendingPing(SiloAddress target) : PendingOperation(target)
{
    private readonly TaskCompletionSource<bool> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<bool> Answer => _answer.Task;

    public override FrameBuffer BuildFrame(RemoteSilo silo, int timeoutMilliseconds, ClusterTransportOptions options)
    {
        var frame = FrameBuffer.Start(FrameKind.Ping);
        frame.WriteInt64(Id);
        frame.WriteUtf8(silo.AddressUtf8);
        return frame;
    }

    public override void Complete(ResponseStatus status, ref FrameReader reader, ClusterTransportOptions options) =>
        _answer.TrySetResult(status == ResponseStatus.Ok);

    public override void Fail(Exception reason) => _answer.TrySetResult(false);

    public override void TimedOut() => _answer.TrySetResult(false);
}
