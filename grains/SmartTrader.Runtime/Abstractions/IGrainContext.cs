namespace SmartTrader.Runtime;

/// <summary>What the runtime gives one activation: its identity and its hooks into timers, reminders and lifecycle.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }
    IGrainFactory GrainFactory { get; }
    IServiceProvider Services { get; }
    TimeProvider Time { get; }

    /// <summary>Deactivate once the current turn ends.</summary>
    void DeactivateOnIdle();

    /// <summary>Moves the grain after the current turn to the silo hosting <paramref name="anchor"/>; false when it is there already.</summary>
    bool MigrateNextTo(GrainId anchor);

    /// <summary>An in-memory timer whose callback runs as a turn of this activation. Dies with the activation.</summary>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    /// <summary>A durable reminder: persisted, survives deactivation and restarts, re-activates the grain to fire.</summary>
    Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period);

    Task UnregisterReminder(string name);
}
