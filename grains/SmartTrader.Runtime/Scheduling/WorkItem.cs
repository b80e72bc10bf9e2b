namespace SmartTrader.Runtime;

/// <summary>Something that runs as a turn of an activation after waiting in its queue: a grain call or a timer tick.</summary>
internal abstract class WorkItem(CallContextData? context)
{
    /// <summary>The caller's request context, captured when the work was queued and restored while it runs.</summary>
    public CallContextData? Context { get; } = context;

    /// <summary>May run while other turns of a non-reentrant activation are in progress.</summary>
    public abstract bool AlwaysInterleave { get; }

    /// <summary>Counts as use of the activation for idle collection (timer ticks do not keep a grain alive).</summary>
    public abstract bool KeepsAlive { get; }

    /// <summary>Moves to the next activation when this one deactivates before the work ran.</summary>
    public abstract bool FollowsGrain { get; }

    public abstract Task Run(Grain grain);

    /// <summary>The turn's task has completed, with whatever outcome.</summary>
    public abstract void Complete(Task turn);

    /// <summary>The work will never run, e.g. because activation failed.</summary>
    public abstract void Reject(Exception reason);
}
