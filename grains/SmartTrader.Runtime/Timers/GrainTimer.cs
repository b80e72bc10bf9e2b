using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime;

/// <summary>
/// An activation's in-memory timer. Each tick is queued as a turn; the next tick is armed only once the callback's
/// turn completed, so ticks never overlap. Disposed with the activation.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _period;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopped = new();
    private readonly ITimer _timer;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan period, ILogger logger)
    {
        _activation = activation;
        _callback = callback;
        _period = period;
        _logger = logger;
        _timer = activation.Time.CreateTimer(static state => ((GrainTimer)state!).OnDue(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start(TimeSpan dueTime) => _timer.Change(dueTime, Timeout.InfiniteTimeSpan);

    private void OnDue()
    {
        if (_stopped.IsCancellationRequested) return;
        if (!_activation.TryEnqueue(new Tick(this))) Dispose();
    }

    private void OnTickCompleted(Task turn)
    {
        if (turn.IsFaulted) _logger.TimerCallbackFailed(turn.Exception!.GetBaseException(), _activation.GrainId);
        if (_stopped.IsCancellationRequested || _period <= TimeSpan.Zero || _period == Timeout.InfiniteTimeSpan) return;
        try
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the re-arm: nothing left to schedule.
        }
    }

    public void Dispose()
    {
        if (_stopped.IsCancellationRequested) return;
        _stopped.Cancel();
        _timer.Dispose();
        _activation.Forget(this);
    }

    /// <summary>One firing of the timer, run as a turn of the activation.</summary>
    private sealed class Tick(GrainTimer timer) : WorkItem(context: null)
    {
        public override bool AlwaysInterleave => false;
        public override bool KeepsAlive => false;
        public override bool FollowsGrain => false;

        public override Task Run(Grain grain) =>
            timer._stopped.IsCancellationRequested ? Task.CompletedTask : timer._callback(timer._stopped.Token);

        public override void Complete(Task turn) => timer.OnTickCompleted(turn);

        public override void Reject(Exception reason) { }
    }
}
