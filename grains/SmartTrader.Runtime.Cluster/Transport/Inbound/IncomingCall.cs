namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// A request read off a connection, run on the thread pool (never on the receive loop, which serves every call on the
/// connection) through the local catalog, with the caller's call context; its outcome goes back as a response.
/// </summary>
internal sealed class IncomingCall(
    InboundConnection connection, CallDispatcher dispatcher, long id, GrainId grainId, RemoteMethod method, object?[] arguments,
    CallContextData? context, CancellationTokenSource? cancellation, TimeSpan timeout) : IThreadPoolWorkItem
{
    private volatile bool _cancelledByCaller;

    public long Id { get; } = id;

    /// <summary>Cancels the token passed to the grain method (when it takes one): the caller gave up or is gone.</summary>
    public void Cancel()
    {
        _cancelledByCaller = true;
        try
        {
            cancellation?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call finished meanwhile.
        }
    }

    public void Execute()
    {
        var callerContext = RequestContext.Current;
        RequestContext.Current = context;
        Task turn;
        try
        {
            turn = dispatcher.Invoke(grainId, method.GrainMethod, arguments);
        }
        finally
        {
            RequestContext.Current = callerContext;
        }

        if (turn.IsCompleted) Respond(turn);
        else turn.ContinueWith(static (turn, state) => ((IncomingCall)state!).Respond(turn), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Respond(Task turn)
    {
        var response = ResponseFor(turn);
        if (cancellation is not null)
        {
            connection.Untrack(this);
            cancellation.Dispose();
        }
        connection.Send(response);
    }

    private FrameBuffer ResponseFor(Task turn)
    {
        var options = dispatcher.Options;
        if (turn.IsCompletedSuccessfully)
        {
            try
            {
                return Responses.Ok(Id, method, grainId, turn, options, dispatcher.LocalAddress, dispatcher.HolderElsewhere(grainId));
            }
            catch (Exception e)
            {
                dispatcher.Logger.ResultNotSent(e, method.Key, grainId);
                return Responses.Error(Id, e, options);
            }
        }

        var exception = ExceptionOf(turn);
        if (exception is OperationCanceledException && cancellation is { IsCancellationRequested: true } && !_cancelledByCaller)
            exception = new TimeoutException($"Call to {method.GrainMethod} on grain {grainId} did not complete within {timeout}.");
        dispatcher.Logger.GrainCallFailed(exception, method.Key, grainId, exception.GetType().Name);
        return Responses.Error(Id, exception, options);
    }

    private static Exception ExceptionOf(Task failed)
    {
        try
        {
            failed.GetAwaiter().GetResult();
            return new InvalidOperationException("The grain call neither succeeded nor failed.");
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
