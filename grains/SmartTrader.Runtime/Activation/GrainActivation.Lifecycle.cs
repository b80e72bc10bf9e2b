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
            var grain = await _catalog.Activator.CreateAsync(this).ConfigureAwait(false);
            _grain = grain;
            await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.ActivationFailed(e, GrainId);
            DisposeTimers();
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

        foreach (var item in Leave())
        {
            if (item.FollowsGrain) _catalog.Forward(GrainId, item);
            else item.Reject(new InvalidOperationException($"Grain {GrainId} deactivated before this work ran."));
        }
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
