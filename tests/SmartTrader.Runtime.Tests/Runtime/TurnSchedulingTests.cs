using SmartTrader.Runtime.Tests.Runtime.Grains;
using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task Calls_to_a_non_reentrant_grain_never_overlap_and_run_in_arrival_order()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Get<ISequencerGrain>("s");

        var calls = new[] { grain.Step(1), grain.Step(2), grain.Step(3) };
        silo.Log.Entries.Should().Equal("start 1");

        silo.Log.Open("step 3");
        silo.Log.Open("step 2");
        silo.Log.Open("step 1");
        await Task.WhenAll(calls);

        silo.Log.Entries.Should().Equal("start 1", "end 1", "start 2", "end 2", "start 3", "end 3");
        silo.Log.MaxConcurrency.Should().Be(1);
    }

    [Fact]
    public async Task Calls_to_a_reentrant_grain_interleave_at_awaits()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Get<IReentrantSequencerGrain>("r");

        var first = grain.Step(1);
        var second = grain.Step(2);
        silo.Log.Entries.Should().Equal("start 1", "start 2");

        silo.Log.Open("step 2");
        await second;
        first.IsCompleted.Should().BeFalse();
        silo.Log.Open("step 1");
        await first;

        silo.Log.Entries.Should().Equal("start 1", "start 2", "end 2", "end 1");
        silo.Log.MaxConcurrency.Should().Be(2);
    }

    [Fact]
    public async Task An_always_interleave_method_runs_while_another_call_holds_the_turn()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Get<ISequencerGrain>("s");

        var step = grain.Step(1);
        (await grain.PeekCompleted()).Should().Be(0);
        var ordinary = grain.Completed();
        ordinary.IsCompleted.Should().BeFalse("an ordinary call waits for the turn");

        silo.Log.Open("step 1");
        await step;
        (await ordinary).Should().Be(1);
    }

    [Fact]
    public async Task Timer_callbacks_run_as_turns_and_stop_with_the_activation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Get<ISequencerGrain>("t");
        await grain.StartTimer(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        var step = grain.Step(1);
        silo.Time.Advance(TimeSpan.FromMinutes(1));
        silo.Log.Entries.Should().Equal(["start 1"], "the tick waits until the call releases the turn");

        silo.Log.Open("step 1");
        await step;
        await silo.Log.WaitForAsync("tick 1 end");
        await grain.Completed(); // queued behind the tick, so the timer is re-armed once this returns
        silo.Log.Entries.Should().Equal("start 1", "end 1", "tick 1", "tick 1 end");

        silo.Time.Advance(TimeSpan.FromMinutes(1));
        await silo.Log.WaitForAsync("tick 2 end");
        await grain.Deactivate();
        await silo.Log.WaitForAsync("deactivate ApplicationRequested");
        silo.Time.Advance(TimeSpan.FromMinutes(5));

        silo.Log.Entries.Should().NotContain("tick 3");
        silo.Log.MaxConcurrency.Should().Be(1);
    }
}
