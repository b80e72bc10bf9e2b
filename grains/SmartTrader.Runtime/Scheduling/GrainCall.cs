namespace SmartTrader.Runtime;

/// <summary>A grain call that could not run inline and waits for its turn; the caller awaits <see cref="Task"/>.</summary>
internal abstract class GrainCall(GrainMethod method, object?[] arguments, CallContextData? context) : WorkItem(context)
{
    public GrainMethod Method { get; } = method;
    public object?[] Arguments { get; } = arguments;
    public abstract Task Task { get; }

    public override bool AlwaysInterleave => Method.AlwaysInterleave;
    public override bool KeepsAlive => true;
    public override bool FollowsGrain => true;

    public override Task Run(Grain grain) => Method.Invoke(grain, Arguments);
}

internal sealed class GrainCall<TResult>(GrainMethod<TResult> method, object?[] arguments, CallContextData? context)
    : GrainCall(method, arguments, context)
{
    // Callers resume on the thread pool, never inside the activation's queue pump.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task Task => _completion.Task;

    public override void Complete(Task turn)
    {
        if (turn.IsCompletedSuccessfully)
            _completion.TrySetResult(method.ResultOf(turn));
        else if (turn.IsCanceled)
            _completion.TrySetCanceled(CancellationTokenOf(turn));
        else
            _completion.TrySetException(turn.Exception!.InnerExceptions);
    }

    public override void Reject(Exception reason) => _completion.TrySetException(reason);

    private static CancellationToken CancellationTokenOf(Task canceled)
    {
        try
        {
            canceled.GetAwaiter().GetResult();
            return CancellationToken.None;
        }
        catch (OperationCanceledException e)
        {
            return e.CancellationToken;
        }
    }
}
