using SmartTrader.Runtime.Tests.Runtime.Grains;
using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime;

public sealed class ActivationLifecycleTests
{
    [Fact]
    public async Task State_survives_deactivate_on_idle_and_the_grain_reactivates_from_storage()
    {
        await using var silo = await TestSilo.StartAsync();
        var counter = silo.Get<ICounterGrain>("c");

        await counter.Increment();
        await counter.Increment();
        await counter.Deactivate();
        await silo.Log.WaitForAsync("deactivate c ApplicationRequested");
        silo.Diagnostics.ActivationCount.Should().Be(0);

        (await counter.Get()).Should().Be(2);
        silo.Log.Entries.Should().Equal("activate c at 0", "deactivate c ApplicationRequested", "activate c at 2");
    }

    [Fact]
    public async Task Idle_activations_are_collected_after_the_collection_age_and_come_back_with_their_state()
    {
        await using var silo = await TestSilo.StartAsync(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(10);
            o.CollectionQuantum = TimeSpan.FromMinutes(1);
        });
        var counter = silo.Get<ICounterGrain>("c");
        await counter.Increment();

        silo.Time.Advance(TimeSpan.FromMinutes(9));
        await counter.Get();
        silo.Time.Advance(TimeSpan.FromMinutes(9));
        silo.Diagnostics.ActivationCount.Should().Be(1, "a call within the age limit keeps the activation");

        silo.Time.Advance(TimeSpan.FromMinutes(2));
        await silo.Log.WaitForAsync("deactivate c IdleCollection");
        silo.Diagnostics.ActivationCount.Should().Be(0);

        (await counter.Get()).Should().Be(1);
        silo.Log.Entries.Should().Equal("activate c at 0", "deactivate c IdleCollection", "activate c at 1");
    }

    [Fact]
    public async Task Collection_age_limit_attribute_overrides_the_silo_default()
    {
        await using var silo = await TestSilo.StartAsync(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(10);
            o.CollectionQuantum = TimeSpan.FromMinutes(1);
        });
        await silo.Get<IShortLivedGrain>("s").Touch();
        await silo.Get<ICounterGrain>("c").Get();
        silo.Diagnostics.ActivationCountsByType().Should().BeEquivalentTo(new Dictionary<string, int> { ["shortlived"] = 1, ["counter"] = 1 });

        silo.Time.Advance(TimeSpan.FromMinutes(3));

        silo.Diagnostics.ActivationCountsByType().Should().BeEquivalentTo(new Dictionary<string, int> { ["counter"] = 1 });
    }

    [Fact]
    public async Task Calls_arriving_during_deactivation_wait_and_run_on_a_fresh_activation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Get<ISlowDeactivationGrain>("d");
        await grain.Ping();

        var collection = silo.Runtime.CollectIdleAsync(TimeSpan.Zero);
        silo.Log.Entries.Should().Equal("activate", "ping", "deactivating");
        var ping = grain.Ping();
        ping.IsCompleted.Should().BeFalse("the old activation is deactivating and must not serve calls");

        silo.Log.Open("deactivate");
        (await ping).Should().Be("pong");
        (await collection).Should().Be(1);
        silo.Log.Entries.Should().Equal("activate", "ping", "deactivating", "deactivated", "activate", "ping");
        silo.Diagnostics.ActivationCount.Should().Be(1);
    }

    [Fact]
    public async Task A_failed_activation_fails_the_call_and_is_discarded()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Get<IFailingActivationGrain>("f");

        await grain.Invoking(g => g.Get()).Should().ThrowExactlyAsync<TradeRejectedException>().WithMessage("activation refused");
        silo.Diagnostics.ActivationCount.Should().Be(0);
        await grain.Invoking(g => g.Get()).Should().ThrowExactlyAsync<TradeRejectedException>();
        silo.Log.Count("activate").Should().Be(2, "each call after a failure tries a fresh activation");
    }

    [Fact]
    public async Task Stopping_the_runtime_deactivates_every_activation()
    {
        var silo = await TestSilo.StartAsync();
        await silo.Get<ICounterGrain>("a").Get();
        await silo.Get<ICounterGrain>("b").Get();

        await silo.StopAsync();

        silo.Diagnostics.ActivationCount.Should().Be(0);
        silo.Log.Entries.Should().Contain(["deactivate a ShuttingDown", "deactivate b ShuttingDown"]);
        await silo.Get<ICounterGrain>("c").Invoking(g => g.Get()).Should().ThrowAsync<InvalidOperationException>().WithMessage("*shutting down*");
        await silo.DisposeAsync();
    }
}
