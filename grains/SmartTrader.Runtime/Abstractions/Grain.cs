namespace SmartTrader.Runtime;

public enum DeactivationReason
{
    IdleCollection,
    ApplicationRequested,
    InconsistentState,
    WriteFailed,
    ActivationFailed,
    ShuttingDown,
}

/// <summary>
/// Base class of every grain. The runtime creates one activation per grain id, runs its calls one turn at a
/// time (unless the class is [Reentrant]), and collects it when idle.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>Set by the runtime before OnActivateAsync.</summary>
    public IGrainContext Context
    {
        get => _context ?? throw new InvalidOperationException("This grain was not created by the grain runtime.");
        internal set => _context = value;
    }

    public GrainId GrainId => Context.GrainId;
    protected string Key => Context.GrainId.Key;
    protected IGrainFactory GrainFactory => Context.GrainFactory;
    protected TimeProvider Time => Context.Time;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();

    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    protected Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterOrUpdateReminder(name, dueTime, period);

    protected Task UnregisterReminder(string name) => Context.UnregisterReminder(name);
}
