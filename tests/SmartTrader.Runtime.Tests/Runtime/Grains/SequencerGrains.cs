using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime.Grains;

public sealed class TradeRejectedException(string message) : Exception(message);

public interface ISequencerGrain : IGrainWithStringKey
{
    /// <summary>Logs "start n", waits for gate "step n", logs "end n".</summary>
    Task Step(int n);

    [AlwaysInterleave]
    Task<int> PeekCompleted();

    Task<int> Completed();

    Task Fail(string message);

    Task<int> FailSynchronously(string message);

    Task StartTimer(TimeSpan dueTime, TimeSpan period);

    Task Deactivate();
}

public sealed class SequencerGrain(CallLog log) : Grain, ISequencerGrain
{
    private int _completed;
    private int _ticks;

    public async Task Step(int n)
    {
        log.Enter($"start {n}");
        await log.Gate($"step {n}");
        _completed++;
        log.Exit($"end {n}");
    }

    public Task<int> PeekCompleted() => Task.FromResult(_completed);

    public Task<int> Completed() => Task.FromResult(_completed);

    public async Task Fail(string message)
    {
        await Task.Yield();
        throw new TradeRejectedException(message);
    }

    public Task<int> FailSynchronously(string message) => throw new TradeRejectedException(message);

    public Task StartTimer(TimeSpan dueTime, TimeSpan period)
    {
        RegisterTimer(async _ =>
        {
            var tick = ++_ticks;
            log.Enter($"tick {tick}");
            await Task.Yield();
            log.Exit($"tick {tick} end");
        }, dueTime, period);
        return Task.CompletedTask;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"deactivate {reason}");
        return Task.CompletedTask;
    }
}

public interface IReentrantSequencerGrain : IGrainWithStringKey
{
    Task Step(int n);
}

[Reentrant]
public sealed class ReentrantSequencerGrain(CallLog log) : Grain, IReentrantSequencerGrain
{
    public async Task Step(int n)
    {
        log.Enter($"start {n}");
        await log.Gate($"step {n}");
        log.Exit($"end {n}");
    }
}
