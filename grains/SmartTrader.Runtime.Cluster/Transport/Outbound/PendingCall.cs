namespace SmartTrader.Runtime.Cluster;

/// <summary>A grain call sent to another silo; its task has the grain method's return type.</summary>
internal sealed class PendingCall<TResult>(
    RemoteMethod<TResult> method, SiloAddress target, GrainId grainId, object?[] arguments, CallContextData? context,
    CancellationToken callerToken, ClusterPlacement? placement) : PendingOperation(target)
{
    // The caller resumes on the thread pool, never on the connection's receive loop.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _cancellation;
    private OutboundConnection? _connection;

    public Task<TResult> Task => _completion.Task;

    public override bool CancelsRemotely => true;

    public override FrameBuffer BuildFrame(RemoteSilo silo, int timeoutMilliseconds, ClusterTransportOptions options)
    {
        var frame = FrameBuffer.Start(FrameKind.Request);
        try
        {
            frame.WriteInt64(Id);
            frame.WriteInt32(timeoutMilliseconds);
            frame.WriteUtf8(silo.AddressUtf8);
            frame.WriteString(grainId.Type);
            frame.WriteString(grainId.Key);
            frame.WriteUtf8(method.KeyUtf8);
            frame.WriteString(context?.CorrelationId);
            frame.WriteString(context?.User);
            method.WriteArguments(frame, arguments, options.Json);
            if (frame.FrameBytes > options.MaxFrameBytes)
                throw new MessageTooLargeException(
                    $"The arguments of {method.GrainMethod} on grain {grainId} make a {frame.FrameBytes:N0}-byte message, over the limit of " +
                    $"{options.MaxFrameBytes:N0} (Cluster:Transport:MaxFrameBytes). Nothing was sent; the method did not run.");
            return frame;
        }
        catch
        {
            frame.Release();
            throw;
        }
    }

    public override void Attached(OutboundConnection connection)
    {
        if (!callerToken.CanBeCanceled) return;
        _connection = connection;
        _cancellation = callerToken.UnsafeRegister(static state => ((PendingCall<TResult>)state!).CancelledByCaller(), this);
        if (_completion.Task.IsCompleted) _cancellation.Unregister(); // answered before the registration was in place
    }

    public override void Complete(ResponseStatus status, ref FrameReader reader, ClusterTransportOptions options)
    {
        _cancellation.Unregister();
        try
        {
            switch (status)
            {
                case ResponseStatus.Ok:
                    _completion.TrySetResult(method.ReadResult(reader.Rest, options.Json));
                    break;
                case ResponseStatus.OkHeldElsewhere:
                    var holder = new SiloAddress(reader.ReadRequiredString());
                    placement?.Learn(grainId, holder);
                    _completion.TrySetResult(method.ReadResult(reader.Rest, options.Json));
                    break;
                case ResponseStatus.Exception:
                    SetFailure(RemoteErrors.Read(ref reader, options));
                    break;
                case ResponseStatus.NotThisSilo:
                    SetFailure(new NotThisSiloException(Target, new SiloAddress(reader.ReadRequiredString())));
                    break;
                default:
                    throw new InvalidDataException($"Unknown response status {status}.");
            }
        }
        catch (Exception e)
        {
            _completion.TrySetException(e);
        }
    }

    public override void Fail(Exception reason)
    {
        _cancellation.Unregister();
        SetFailure(reason);
    }

    public override void TimedOut()
    {
        _cancellation.Unregister();
        if (_completion.TrySetException(new TimeoutException($"Call to {method.GrainMethod} on grain {grainId} did not complete within {Timeout}.")))
            _ = _completion.Task.Exception; // the router's own timeout may already have answered the caller
    }

    /// <summary>Placement forgets a holder that is gone before the caller (who may retry at once) sees the failure.</summary>
    private void SetFailure(Exception failure)
    {
        if (placement is not null && failure switch
            {
                SiloUnavailableException unavailable => unavailable.Silo == Target,
                NotThisSiloException notThis => notThis.Target == Target,
                SiloNotServingException => true,
                _ => false,
            })
            placement.Forget(grainId, Target);
        _completion.TrySetException(failure);
    }

    private void CancelledByCaller()
    {
        if (_connection is { } connection && connection.Forget(this)) connection.SendCancel(Id);
        _completion.TrySetCanceled(callerToken);
    }
}
