using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime;

/// <summary>
/// One live instance of a grain: its lifecycle (GrainActivation.Lifecycle.cs), its turn scheduling
/// (GrainActivation.Turns.cs) and what it offers the grain through <see cref="IGrainContext"/>.
/// </summary>
internal sealed partial class GrainActivation : IGrainContext
{
    private readonly GrainCatalog _catalog;
    private readonly ILogger _logger;
    private readonly GrainLogScope _logScope;
    private readonly List<GrainTimer> _timers = [];

    public GrainActivation(GrainId grainId, GrainClassInfo grainClass, GrainCatalog catalog)
    {
        GrainId = grainId;
        Class = grainClass;
        _catalog = catalog;
        _logger = catalog.ActivationLogger;
        _logScope = new GrainLogScope(grainId);
        _lastUsed = catalog.Time.GetTimestamp();
    }

    public GrainId GrainId { get; }
    public GrainClassInfo Class { get; }
    public IGrainFactory GrainFactory => _catalog.GrainFactory;
    public IServiceProvider Services => _catalog.Services;
    public TimeProvider Time => _catalog.Time;

    public void DeactivateOnIdle() => RequestDeactivation(DeactivationReason.ApplicationRequested);

    public bool MigrateNextTo(GrainId anchor)
    {
        if (_catalog.PlacedElsewhere(anchor) is not { } silo) return false;
        lock (_lock) _migrationTarget ??= silo;
        _logger.Migrating(GrainId, silo, anchor);
        RequestDeactivation(DeactivationReason.Migrating);
        return true;
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, callback, period, _logger);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Deactivated)
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot register timers.");
            _timers.Add(timer);
        }
        timer.Start(dueTime);
        return timer;
    }

    internal void Forget(GrainTimer timer)
    {
        lock (_lock) _timers.Remove(timer);
    }

    public Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period) =>
        _catalog.Reminders.RegisterOrUpdateAsync(GrainId, name, dueTime, period);

    public Task UnregisterReminder(string name) => _catalog.Reminders.UnregisterAsync(GrainId, name);

    public override string ToString() => $"activation of {GrainId}";
}
