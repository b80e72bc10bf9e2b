namespace SmartTrader.Runtime;

/// <summary>
/// Turn-based scheduling. A non-reentrant activation runs one turn at a time, in arrival order; a turn lasts until
/// the task of the call completes. Reentrant grains and [AlwaysInterleave] methods may start while others run.
/// An idle activation runs a call inline on the caller's thread; queued work runs when the turn is released.
/// </summary>
internal sealed partial class GrainActivation
{
    private readonly Lock _lock = new();
    private readonly Queue<WorkItem> _queue = new();
    private ActivationState _state = ActivationState.Created;
    private int _running;
    private DeactivationReason? _deactivationReason;
    private long _lastUsed;
    private Grain? _grain;

    /// <summary>Runs the call now, on this thread, if it may start without waiting; null when it must be queued.</summary>
    public Task? TryInvokeInline(GrainMethod method, object?[] arguments)
    {
        var interleaves = Class.IsReentrant || method.AlwaysInterleave;
        lock (_lock)
        {
            if (_state != ActivationState.Active || _deactivationReason is not null) return null;
            if (!interleaves && (_running > 0 || _queue.Count > 0)) return null;
            _running++;
        }

        var turn = RunTurn(method.Invoke, arguments, method);
        if (turn.IsCompleted) EndTurn(keepAlive: true);
        else turn.ContinueWith(static (_, state) => ((GrainActivation)state!).EndTurn(keepAlive: true), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return turn;
    }

    /// <summary>Queues work; false when this activation is already gone and the caller must find the current one.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        bool activate;
        lock (_lock)
        {
            if (_state == ActivationState.Deactivated) return false;
            _queue.Enqueue(item);
            activate = _state == ActivationState.Created;
            if (activate)
            {
                _state = ActivationState.Activating;
                _running = 1;
            }
        }

        if (activate) _ = ActivateAsync();
        else Pump();
        return true;
    }

    /// <summary>Starts queued work while the scheduling rules allow, or the pending deactivation once idle.</summary>
    private void Pump()
    {
        while (true)
        {
            WorkItem? item;
            DeactivationReason? deactivation;
            lock (_lock) item = TakeNext(out deactivation);
            if (deactivation is { } reason)
            {
                _ = DeactivateAsync(reason);
                return;
            }
            if (item is null) return;

            var turn = RunQueued(item);
            if (turn.IsCompleted)
            {
                item.Complete(turn);
                lock (_lock) ReleaseTurn(item.KeepsAlive);
                continue;
            }
            turn.ContinueWith(static (turn, state) =>
            {
                var (activation, item) = ((GrainActivation, WorkItem))state!;
                item.Complete(turn);
                activation.EndTurn(item.KeepsAlive);
            }, (this, item), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Under the lock: takes the turn for the next runnable work item, or for the requested deactivation.</summary>
    private WorkItem? TakeNext(out DeactivationReason? deactivation)
    {
        deactivation = null;
        if (_state != ActivationState.Active) return null;
        if (_deactivationReason is { } requested)
        {
            if (_running > 0) return null;
            _state = ActivationState.Deactivating;
            _running = 1;
            deactivation = requested;
            return null;
        }
        if (_queue.Count == 0 || (_running > 0 && !Interleaves(_queue.Peek()))) return null;
        _running++;
        return _queue.Dequeue();
    }

    private bool Interleaves(WorkItem item) => Class.IsReentrant || item.AlwaysInterleave;

    private void EndTurn(bool keepAlive)
    {
        bool more;
        lock (_lock)
        {
            ReleaseTurn(keepAlive);
            more = _queue.Count > 0 || _deactivationReason is not null;
        }
        if (more) Pump();
    }

    private void ReleaseTurn(bool keepAlive)
    {
        _running--;
        if (keepAlive) _lastUsed = Time.GetTimestamp();
    }

    private Task RunQueued(WorkItem item)
    {
        var callerContext = RequestContext.Current;
        RequestContext.Current = item.Context;
        try
        {
            return RunTurn(static (grain, item) => item.Run((Grain)grain), item, failedAs: null);
        }
        finally
        {
            RequestContext.Current = callerContext;
        }
    }

    /// <summary>Runs the synchronous part of a turn; a synchronous throw becomes a faulted task (of the method's type, if given).</summary>
    private Task RunTurn<TState>(Func<object, TState, Task> run, TState state, GrainMethod? failedAs)
    {
        using var scope = _logger.BeginScope(_logScope);
        try
        {
            return run(_grain!, state);
        }
        catch (Exception e)
        {
            return failedAs?.Failed(e) ?? Task.FromException(e);
        }
    }
}
