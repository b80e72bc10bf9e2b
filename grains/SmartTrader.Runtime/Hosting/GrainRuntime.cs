using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime;

/// <summary>
/// The silo: starts the reminder service and the idle collector, and deactivates every activation on stop.
/// Hosted applications get this through the registered IHostedService; tests and benchmarks may drive it directly.
/// </summary>
public sealed class GrainRuntime
{
    private readonly IServiceProvider _services;
    private readonly GrainTypeRegistry _registry;
    private readonly GrainCatalog _catalog;
    private readonly ReminderService _reminders;
    private readonly ActivationCollector _collector;
    private readonly GrainStorageResolver _storage;
    private readonly ILocalSilo _silo;
    private readonly ILogger _logger;

    internal GrainRuntime(IServiceProvider services)
    {
        _services = services;
        _registry = services.GetRequiredService<GrainTypeRegistry>();
        _catalog = services.GetRequiredService<GrainCatalog>();
        _reminders = services.GetRequiredService<ReminderService>();
        _collector = services.GetRequiredService<ActivationCollector>();
        _storage = services.GetRequiredService<GrainStorageResolver>();
        _silo = services.GetRequiredService<ILocalSilo>();
        _logger = services.GetRequiredService<ILogger<GrainRuntime>>();
    }

    public IGrainFactory GrainFactory => _services.GetRequiredService<IGrainFactory>();

    public IGrainRuntimeDiagnostics Diagnostics => _catalog;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ValidateProviders();
        await _reminders.StartAsync(cancellationToken).ConfigureAwait(false);
        _collector.Start();
        _logger.Started(_silo.Address, _registry.Classes.Count(), _reminders.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _collector.Stop();
        _reminders.Stop();
        await _catalog.ShutdownAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        _logger.Stopped();
    }

    /// <summary>Deactivates activations idle for at least <paramref name="olderThan"/>; returns how many.</summary>
    public Task<int> CollectIdleAsync(TimeSpan olderThan) => _catalog.CollectIdleAsync(olderThan);

    /// <summary>Deactivates every activation (they come back on the next call).</summary>
    public Task DeactivateAllAsync() => _catalog.DeactivateAllAsync(DeactivationReason.ApplicationRequested);

    /// <summary>Fails at start, not at the first call, when grains need storage or reminders nobody registered.</summary>
    private void ValidateProviders()
    {
        foreach (var grainClass in _registry.Classes)
        foreach (var state in grainClass.PersistentStates)
            _storage.Resolve(state.StorageName, grainClass);

        var remindable = _registry.Classes.FirstOrDefault(c => c.IsRemindable);
        if (remindable is not null && !_reminders.IsEnabled)
            throw new InvalidOperationException(
                $"Grain {remindable} implements IRemindable, but no IReminderTable is registered. " +
                "Register one (or UseInMemoryReminders() for tests).");
    }
}
