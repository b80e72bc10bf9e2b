using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime;

/// <summary>
/// Activation and deactivation. Both hold the turn, so no call runs before OnActivateAsync completes or after
/// OnDeactivateAsync starts. Calls that arrive meanwhile wait in the queue; after deactivation they follow the
/// grain to a fresh activation.
/// </summary>
internal sealed partial class GrainActivation
{
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _registered;
    private SiloAddress? _migrationTarget;

    /// <summary>Completes once the activation has left the catalog.</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Deactivates as soon as no turn is running; calls arriving until then wait for the next activation.</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        bool start = false, discard = false;
        lock (_lock)
        {
            switch (_state)
            {
                case ActivationState.Created:
                    _state = ActivationState.Deactivated;
                    discard = true;
                    break;
                case ActivationState.Activating or ActivationState.Active:
                    _deactivationReason ??= reason;
                    start = _state == ActivationState.Active && _running == 0;
                    if (start)
                    {
                        _state = ActivationState.Deactivating;
                        _running = 1;
                    }
                    break;
                default:
                    return;
            }
        }

        if (start) _ = DeactivateAsync(reason);
        else if (discard) Discard();
    }

    /// <summary>Starts idle collection if nothing ran for at least <paramref name="idleFor"/>.</summary>
    public bool TryCollect(TimeSpan idleFor)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Active || _running > 0 || _queue.Count > 0 || _deactivationReason is not null) return false;
            if (Time.GetElapsedTime(_lastUsed) < idleFor) return false;
            _deactivationReason = DeactivationReason.IdleCollection;
            _state = ActivationState.Deactivating;
            _running = 1;
        }
        _ = DeactivateAsync(DeactivationReason.IdleCollection);
        return true;
    }

    private async Task ActivateAsync()
    {
        using var scope = _logger.BeginScope(_logScope);
        try
        {
            if (await RegisterAsync().ConfigureAwait(false) is { } elsewhere)
            {
                Redirect(elsewhere);
                return;
            }
            var grain = await _catalog.Activator.CreateAsync(this).ConfigureAwait(false);
            _grain = grain;
            await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.ActivationFailed(e, GrainId);
            DisposeTimers();
            await UnregisterAsync().ConfigureAwait(false);
            var rejected = Leave();
            foreach (var item in rejected) item.Reject(e);
            return;
        }

        _logger.Activated(GrainId);
        lock (_lock)
        {
            _state = ActivationState.Active;
            _running = 0;
            _lastUsed = Time.GetTimestamp();
        }
        Pump();
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        using var scope = _logger.BeginScope(_logScope);
        RequestContext.Current = null;
        DisposeTimers();
        try
        {
            await _grain!.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.DeactivationFailed(e, GrainId, reason);
        }
        _logger.Deactivated(GrainId, reason);
        var movedTo = reason == DeactivationReason.Migrating ? await HandOverAsync().ConfigureAwait(false) : null;
        if (movedTo is null) await UnregisterAsync().ConfigureAwait(false);

        foreach (var item in Leave())
        {
            if (!item.FollowsGrain) item.Reject(new InvalidOperationException($"Grain {GrainId} deactivated before this work ran."));
            else if (movedTo is { } silo) _catalog.ForwardTo(silo, GrainId, item);
            else _catalog.Forward(GrainId, item);
        }
    }

    /// <summary>
    /// Passes this silo's directory claim to the silo the grain moves to, so that the grain is never claimed by neither
    /// and calls for it go there. Null when the claim was not this silo's to pass on, or the directory failed: the
    /// claim is then released as after any deactivation, and the grain stays placed as before.
    /// </summary>
    private async ValueTask<SiloAddress?> HandOverAsync()
    {
        if (!_registered || _migrationTarget is not { } silo) return null;
        try
        {
            if (!await _catalog.Directory!.HandOverAsync(GrainId, silo).ConfigureAwait(false)) return null;
            _registered = false;
            return silo;
        }
        catch (Exception e)
        {
            _logger.HandOverFailed(e, GrainId, silo);
            return null;
        }
    }

    /// <summary>
    /// In a cluster, claims the grain in the directory before reading its state. Returns the silo that hosts the grain
    /// when it is not this one. A grain on every silo is this silo's own: nobody else can claim it.
    /// </summary>
    private async ValueTask<SiloAddress?> RegisterAsync()
    {
        if (_catalog.Directory is not { } directory) return null;
        if (Class.IsOnEverySilo)
        {
            if (_catalog.IsStopping) throw new InvalidOperationException($"The silo is shutting down; grain {GrainId} cannot be activated.");
            return null;
        }
        var elsewhere = await directory.RegisterAsync(GrainId).ConfigureAwait(false);
        if (elsewhere is not null) return elsewhere;
        _registered = true;
        if (_catalog.IsStopping) throw new InvalidOperationException($"The silo is shutting down; grain {GrainId} cannot be activated.");
        return null;
    }

    private async ValueTask UnregisterAsync()
    {
        if (!_registered) return;
        _registered = false;
        try
        {
            await _catalog.Directory!.UnregisterAsync(GrainId).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.UnregistrationFailed(e, GrainId);
        }
    }

    /// <summary>The directory names another silo: this activation never runs, and the calls waiting for it go there.</summary>
    private void Redirect(SiloAddress silo)
    {
        _logger.Redirected(GrainId, silo);
        foreach (var item in Leave()) _catalog.ForwardTo(silo, GrainId, item);
    }

    /// <summary>Removes the activation from the catalog and hands back the work that never ran here.</summary>
    private List<WorkItem> Leave()
    {
        _catalog.Remove(this);
        List<WorkItem> pending;
        lock (_lock)
        {
            _state = ActivationState.Deactivated;
            _running = 0;
            pending = [.. _queue];
            _queue.Clear();
        }
        _deactivated.TrySetResult();
        return pending;
    }

    private void Discard()
    {
        _catalog.Remove(this);
        _deactivated.TrySetResult();
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock) timers = [.. _timers];
        foreach (var timer in timers) timer.Dispose();
    }
}
