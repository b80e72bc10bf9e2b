using SmartTrader.Cluster.Tests.Harness;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>Caller cancellation with a 30 s call timeout: only the cancel frame can reach the callee this early.</summary>
[Collection(ThreeSilosCollection.Name)]
public class CancellationTests(ThreeSilos cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Cancelling_the_caller_token_cancels_the_call_and_the_callee_token()
    {
        var signal = Guid.NewGuid().ToString("N");
        using var cancellation = new CancellationTokenSource();
        var caller = cluster.A.Grains.GetGrain<ISlowGrain>("b:waiter-cancel");
        var waiting = caller.WaitForCancellation(signal, cancellation.Token);

        await Signals.Named(signal + ":started").Task.Within(Patience);
        Signals.Named(signal + ":cancelled").Task.IsCompleted.Should().BeFalse("nothing cancelled the callee yet");
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        await Signals.Named(signal + ":cancelled").Task.Within(Patience);
    }

    [Fact]
    public async Task A_caller_token_already_cancelled_sends_nothing()
    {
        var signal = Guid.NewGuid().ToString("N");
        var call = cluster.A.Grains.GetGrain<ISlowGrain>("b:never").WaitForCancellation(signal, new CancellationToken(canceled: true));

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
        await Task.Delay(200);
        Signals.Named(signal + ":started").Task.IsCompleted.Should().BeFalse();
    }
}
