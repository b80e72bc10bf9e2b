using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime;

/// <summary>The activations of this silo: at most one per grain id, created on the first call.</summary>
internal sealed class GrainCatalog(
    GrainTypeRegistry registry,
    GrainActivator activator,
    IServiceProvider services,
    TimeProvider time,
    IOptions<SiloOptions> options,
    ILoggerFactory loggerFactory) : IGrainRuntimeDiagnostics
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly TimeSpan _defaultCollectionAge = options.Value.CollectionAge;
    private IGrainFactory? _grainFactory;
    private ReminderService? _reminders;
    private IRemoteGrainInvoker? _remote;
    private IGrainPlacement? _placement;
    private ILocalSilo? _localSilo;
    private volatile bool _stopping;

    public GrainActivator Activator { get; } = activator;
    public IServiceProvider Services { get; } = services;
    public TimeProvider Time { get; } = time;
    public ILogger ActivationLogger { get; } = loggerFactory.CreateLogger<GrainActivation>();

    /// <summary>The cluster's grain directory; null in a single silo.</summary>
    public IActivationDirectory? Directory { get; } = services.GetService<IActivationDirectory>();

    public bool IsStopping => _stopping;

    // Resolved late: both depend, through the router, on this catalog.
    public IGrainFactory GrainFactory => _grainFactory ??= Services.GetRequiredService<IGrainFactory>();
    public ReminderService Reminders => _reminders ??= Services.GetRequiredService<ReminderService>();
    private IRemoteGrainInvoker Remote => _remote ??= Services.GetRequiredService<IRemoteGrainInvoker>();

    public int ActivationCount => _activations.Count;

    /// <summary>The silo placement names for the grain when it is not this one; always null on a single silo.</summary>
    public SiloAddress? PlacedElsewhere(GrainId grainId)
    {
        if (Directory is null || registry.OnEverySilo.Contains(grainId.Type)) return null;
        var silo = (_placement ??= Services.GetRequiredService<IGrainPlacement>()).GetOwner(grainId);
        return silo == (_localSilo ??= Services.GetRequiredService<ILocalSilo>()).Address ? null : silo;
    }

    public IReadOnlyDictionary<string, int> ActivationCountsByType() =>
        _activations.Keys.GroupBy(id => id.Type).ToDictionary(g => g.Key, g => g.Count());

    public Task Invoke(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        var activation = GetOrCreate(grainId);
        if (activation.TryInvokeInline(method, arguments) is { } inline) return inline;

        var call = method.CreateCall(arguments, RequestContext.Current);
        while (!activation.TryEnqueue(call)) activation = GetOrCreate(grainId);
        return call.Task;
    }

    /// <summary>Sends work left behind by a deactivated activation to the grain's next activation.</summary>
    public void Forward(GrainId grainId, WorkItem item)
    {
        try
        {
            while (!GetOrCreate(grainId).TryEnqueue(item)) { }
        }
        catch (Exception e)
        {
            item.Reject(e);
        }
    }

    /// <summary>Sends a call that waited for an activation the directory placed elsewhere to the silo hosting the grain.</summary>
    public void ForwardTo(SiloAddress silo, GrainId grainId, WorkItem item)
    {
        if (item is not GrainCall call)
        {
            item.Reject(new InvalidOperationException($"Grain {grainId} is hosted by silo '{silo}'; this work cannot follow it there."));
            return;
        }
        Task remote;
        try
        {
            remote = Remote.InvokeAsync(silo, grainId, call.Method, call.Arguments, call.Context);
        }
        catch (Exception e)
        {
            remote = Task.FromException(e);
        }
        remote.ContinueWith(static (remote, state) => ((GrainCall)state!).Complete(remote), call,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Remove(GrainActivation activation) =>
        _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    /// <summary>Deactivates activations idle for longer than their type's age limit (or the silo default).</summary>
    public Task<int> CollectIdleAsync() => CollectAsync(a => a.Class.CollectionAgeLimit ?? _defaultCollectionAge);

    /// <summary>Deactivates activations idle for at least <paramref name="olderThan"/>, whatever their type's limit.</summary>
    public Task<int> CollectIdleAsync(TimeSpan olderThan) => CollectAsync(_ => olderThan);

    public async Task DeactivateAllAsync(DeactivationReason reason)
    {
        var activations = _activations.Values.ToList();
        foreach (var activation in activations) activation.RequestDeactivation(reason);
        await Task.WhenAll(activations.Select(a => a.Deactivated)).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses new activations (in a cluster the directory sends their calls to another silo), then deactivates the
    /// existing ones.
    /// </summary>
    public Task ShutdownAsync()
    {
        _stopping = true;
        return DeactivateAllAsync(DeactivationReason.ShuttingDown);
    }

    private async Task<int> CollectAsync(Func<GrainActivation, TimeSpan> ageLimit)
    {
        var collected = _activations.Values.Where(a => a.TryCollect(ageLimit(a))).ToList();
        await Task.WhenAll(collected.Select(a => a.Deactivated)).ConfigureAwait(false);
        return collected.Count;
    }

    private GrainActivation GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing)) return existing;
        if (_stopping && Directory is null) throw new InvalidOperationException($"The silo is shutting down; grain {grainId} cannot be activated.");
        var grainClass = registry.ClassOf(grainId);
        return _activations.GetOrAdd(grainId,
            static (id, state) => new GrainActivation(id, state.grainClass, state.catalog), (grainClass, catalog: this));
    }
}
