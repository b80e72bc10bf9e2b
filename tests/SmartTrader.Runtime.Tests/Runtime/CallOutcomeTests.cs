using SmartTrader.Runtime.Tests.Runtime.Grains;
using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime;

public sealed class CallOutcomeTests
{
    [Fact]
    public async Task Exceptions_thrown_by_grain_methods_reach_the_caller_unchanged()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Get<ISequencerGrain>("e");

        await grain.Invoking(g => g.Fail("no margin")).Should().ThrowExactlyAsync<TradeRejectedException>().WithMessage("no margin");
        await grain.Invoking(g => g.FailSynchronously("bad order")).Should().ThrowExactlyAsync<TradeRejectedException>().WithMessage("bad order");
    }

    [Fact]
    public async Task Exceptions_of_queued_calls_reach_the_caller_unchanged()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Get<ISequencerGrain>("e");

        var step = grain.Step(1);
        var failing = grain.Fail("queued failure");
        failing.IsCompleted.Should().BeFalse();
        silo.Log.Open("step 1");
        await step;

        await failing.Awaiting(t => t).Should().ThrowExactlyAsync<TradeRejectedException>().WithMessage("queued failure");
    }

    [Fact]
    public async Task A_call_that_outlives_the_call_timeout_fails_with_a_timeout_naming_grain_and_method()
    {
        await using var silo = await TestSilo.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(5));
        var grain = silo.Get<ISequencerGrain>("slow");

        var step = grain.Step(1);
        var queued = grain.Completed();
        silo.Time.Advance(TimeSpan.FromSeconds(6));

        var timeout = await step.Awaiting(t => t).Should().ThrowExactlyAsync<TimeoutException>();
        timeout.Which.Message.Should().Contain("sequencer/slow").And.Contain("Step");
        await queued.Awaiting(t => t).Should().ThrowExactlyAsync<TimeoutException>().WithMessage("*Completed*");

        silo.Log.Open("step 1");
        (await grain.Completed()).Should().Be(1, "the timed-out call still ran to completion on the grain");
    }
}
