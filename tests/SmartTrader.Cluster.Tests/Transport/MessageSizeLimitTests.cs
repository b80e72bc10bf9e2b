using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>
/// A call whose arguments or result would make a frame over <see cref="ClusterTransportOptions.MaxFrameBytes"/> fails
/// alone with <see cref="MessageTooLargeException"/>; the frame is never sent, so the connection and the calls sharing
/// it carry on.
/// </summary>
public sealed class MessageSizeLimitTests : IAsyncLifetime
{
    private const int MaxFrameBytes = 64 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly SiloSet _silos = new();
    private TestSilo _a = null!;

    public async Task InitializeAsync()
    {
        _a = await _silos.StartAsync("a", transport: o => o.MaxFrameBytes = MaxFrameBytes);
        var b = await _silos.StartAsync("b", transport: o => o.MaxFrameBytes = MaxFrameBytes);
        await _a.ConnectToAsync(b);
    }

    public Task DisposeAsync() => _silos.DisposeAsync();

    [Fact]
    public async Task Arguments_over_the_limit_fail_that_call_before_it_is_sent()
    {
        await using var held = await HoldACallAsync();

        var thrown = await FluentActions.Awaiting(() => OnB("big-argument").Maybe(new string('x', MaxFrameBytes)).Within(Patience))
            .Should().ThrowAsync<MessageTooLargeException>();

        thrown.Which.Message.Should().Contain("arguments").And.Contain("MaxFrameBytes").And.Contain("did not run");
        await held.ShouldStillBeRunningAsync(OnB("big-argument"));
    }

    [Fact]
    public async Task A_result_over_the_limit_fails_that_call_with_the_reason_from_the_callee()
    {
        await using var held = await HoldACallAsync();
        var grain = OnB("big-result");

        var thrown = await FluentActions.Awaiting(() => grain.Range(0, MaxFrameBytes / 2).Within(Patience))
            .Should().ThrowAsync<MessageTooLargeException>();

        thrown.Which.Message.Should().Contain("result").And.Contain("MaxFrameBytes").And.Contain("ran on silo");
        await held.ShouldStillBeRunningAsync(grain);
        (await grain.Range(0, 3).Within(Patience)).Should().Equal(0, 1, 2);
    }

    [Fact]
    public async Task An_exception_whose_message_is_over_the_limit_arrives_shortened_and_named()
    {
        await using var held = await HoldACallAsync();

        var thrown = await FluentActions.Awaiting(() => _a.Grains.GetGrain<IFailingGrain>("b:long").Throw($"long {MaxFrameBytes}").Within(Patience))
            .Should().ThrowAsync<MessageTooLargeException>();

        thrown.Which.Message.Should().Contain(typeof(InvalidOperationException).FullName).And.Contain("MaxFrameBytes").And.Contain("mmmm");
        thrown.Which.Message.Length.Should().BeLessThan(1_000);
        await held.ShouldStillBeRunningAsync(OnB("after-long-error"));
    }

    private IValuesGrain OnB(string key) => _a.Grains.GetGrain<IValuesGrain>("b:" + key);

    /// <summary>A call to the same silo, over the same connection, that runs until the test cancels it.</summary>
    private async Task<HeldCall> HoldACallAsync()
    {
        var signal = Guid.NewGuid().ToString("N");
        var cancellation = new CancellationTokenSource();
        var call = _a.Grains.GetGrain<ISlowGrain>("b:held").WaitForCancellation(signal, cancellation.Token);
        await Signals.Named(signal + ":started").Task.Within(Patience);
        return new HeldCall(signal, call, cancellation);
    }

    private sealed class HeldCall(string signal, Task call, CancellationTokenSource cancellation) : IAsyncDisposable
    {
        /// <summary>Another call on the connection is answered, and this one is neither failed nor cancelled at the callee.</summary>
        public async Task ShouldStillBeRunningAsync(IValuesGrain sameSilo)
        {
            (await sameSilo.Add(2, 3).Within(Patience)).Should().Be(5, "the connection still carries calls");
            call.IsCompleted.Should().BeFalse("a call sharing the connection was not failed");
            Signals.Named(signal + ":cancelled").Task.IsCompleted.Should().BeFalse("the callee did not lose the connection");
        }

        public async ValueTask DisposeAsync()
        {
            using (cancellation) await cancellation.CancelAsync();
            await FluentActions.Awaiting(() => call.Within(Patience)).Should().ThrowAsync<OperationCanceledException>();
        }
    }
}
