using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>Silo "a" calls with a short call timeout; silo "b" hosts slow grains.</summary>
public sealed class TimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ClusterMap _map = new();
    private TestSilo _a = null!;
    private TestSilo _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestSilo.StartAsync(_map, "a", callTimeout: CallTimeout);
        _b = await TestSilo.StartAsync(_map, "b");
        await _a.ConnectToAsync(_b);
        await WarmUp();
    }

    /// <summary>
    /// One round of the path the tests time out on, over the connection already made, so a cold first call of the
    /// method cannot use up the short call timeout before the request is even sent.
    /// </summary>
    private async Task WarmUp()
    {
        var signal = Guid.NewGuid().ToString("N");
        using var cancellation = new CancellationTokenSource();
        var call = _a.Grains.GetGrain<ISlowGrain>("b:warm-up").WaitForCancellation(signal, cancellation.Token);
        await Signals.Named(signal + ":started").Task.Within(Patience);
        await cancellation.CancelAsync();
        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
        await Signals.Named(signal + ":cancelled").Task.Within(Patience);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task A_call_the_callee_does_not_answer_in_time_fails_with_a_timeout()
    {
        var slow = _a.Grains.GetGrain<ISlowGrain>("b:sleepy");

        var thrown = await FluentActions.Awaiting(() => slow.Sleep(TimeSpan.FromSeconds(10))).Should().ThrowAsync<TimeoutException>();
        thrown.Which.Message.Should().Contain(nameof(ISlowGrain.Sleep)).And.Contain("b:sleepy");
    }

    [Fact]
    public async Task When_the_caller_times_out_the_callee_token_is_cancelled()
    {
        var signal = Guid.NewGuid().ToString("N");
        var waiting = _a.Grains.GetGrain<ISlowGrain>("b:waiter-timeout").WaitForCancellation(signal, CancellationToken.None);

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<TimeoutException>();
        await Signals.Named(signal + ":cancelled").Task.Within(Patience);
    }

    [Fact]
    public async Task A_callee_that_gives_up_at_the_deadline_answers_with_a_timeout_not_a_cancellation()
    {
        var method = _a.Services.GetRequiredService<GrainTypeRegistry>().InterfaceOf(typeof(ISlowGrain))
            .Methods.Values.Single(m => m.Name == nameof(ISlowGrain.WaitForCancellation));
        var signal = Guid.NewGuid().ToString("N");

        // Straight to the transport, without the router's own timer: the callee's deadline answers first.
        var call = _a.Invoker.InvokeAsync(_b.Address, new GrainId("slow", "b:deadline"), method, [signal, CancellationToken.None], null);

        var thrown = await FluentActions.Awaiting(() => call.Within(Patience)).Should().ThrowExactlyAsync<TimeoutException>();
        thrown.Which.Message.Should().Contain(nameof(ISlowGrain.WaitForCancellation));
        await Signals.Named(signal + ":cancelled").Task.Within(Patience);
    }
}
