namespace SmartTrader.Runtime;

public enum DeactivationReason
{
    IdleCollection,
    ApplicationRequested,
    InconsistentState,
    WriteFailed,
    ActivationFailed,
    ShuttingDown,
    /// <summary>The grain asked to move next to another grain (<see cref="Grain.MigrateNextTo"/>).</summary>
    Migrating,
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

    /// <summary>
    /// Moves this grain, once the current turn ends, to the silo that hosts <paramref name="anchor"/>, so that calls
    /// between the two stay inside one silo. The next activation reads the state again; calls that arrive meanwhile
    /// follow the grain. False when the two already share a silo, as they always do on a single silo.
    /// </summary>
    protected bool MigrateNextTo(IGrain anchor) => Context.MigrateNextTo(anchor.GetGrainId());

    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    protected Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterOrUpdateReminder(name, dueTime, period);

    protected Task UnregisterReminder(string name) => Context.UnregisterReminder(name);
}
