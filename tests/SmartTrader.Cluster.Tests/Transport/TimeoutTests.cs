namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>Silo "a" calls with a short call timeout; silo "b" hosts slow grains.</summary>
public sealed class TimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ClusterMap _map = new();
    private TestSilo _a = null!;
    private TestSilo _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestSilo.StartAsync(_map, "a", callTimeout: CallTimeout);
        _b = await TestSilo.StartAsync(_map, "b");
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

        var thrown = await FluentActions.Awaiting(() => slow.Sleep(TimeSpan.FromSeconds(5))).Should().ThrowAsync<TimeoutException>();
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
}
