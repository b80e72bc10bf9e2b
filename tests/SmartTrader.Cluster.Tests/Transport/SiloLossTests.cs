using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>Silos that stop, die mid-call and come back on the same port as a new generation.</summary>
public sealed class SiloLossTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly SiloSet _silos = new();

    public Task InitializeAsync() => _silos.InitializeAsync();

    public Task DisposeAsync() => _silos.DisposeAsync();

    private Task<TestSilo> Start(string name, int port = 0, long generation = 1) => _silos.StartAsync(name, port, generation);

    [Fact]
    public async Task When_the_callee_silo_dies_mid_call_every_pending_call_fails_with_silo_unavailable()
    {
        var a = await Start("a");
        var b = await Start("b");
        var signals = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var pending = signals.Select((s, i) => a.Grains.GetGrain<ISlowGrain>($"b:doomed-{i}").WaitForCancellation(s, CancellationToken.None)).ToList();
        foreach (var signal in signals) await Signals.Named(signal + ":started").Task.Within(Patience);

        var stopping = b.StopAsync();

        foreach (var call in pending)
        {
            var thrown = await FluentActions.Awaiting(() => call.Within(Patience)).Should().ThrowAsync<SiloUnavailableException>();
            thrown.Which.Silo.Should().Be(b.Address);
            thrown.Which.Message.Should().Contain(b.Address.Value);
        }
        foreach (var signal in signals) await Signals.Named(signal + ":cancelled").Task.Within(Patience);
        await stopping.Within(Patience);
    }

    [Fact]
    public async Task When_membership_declares_a_silent_silo_dead_its_pending_calls_fail_at_once_and_others_carry_on()
    {
        var a = await Start("a");
        var b = await Start("b");
        await Start("c");
        var signal = Guid.NewGuid().ToString("N");
        var onB = a.Grains.GetGrain<ISlowGrain>("b:silent").WaitForCancellation(signal, CancellationToken.None);
        var onC = a.Grains.GetGrain<ISlowGrain>("c:alive").Sleep(TimeSpan.FromMilliseconds(300));
        await Signals.Named(signal + ":started").Task.Within(Patience);

        a.Services.GetRequiredService<ISiloDeathObserver>().OnSiloDeclaredDead(b.ClusterAddress);

        var thrown = await FluentActions.Awaiting(() => onB.Within(Patience)).Should().ThrowAsync<SiloUnavailableException>();
        thrown.Which.Silo.Should().Be(b.Address);
        (await onC.Within(Patience)).Should().Be(1, "calls to other silos are not affected");
        await Signals.Named(signal + ":cancelled").Task.Within(Patience);
    }

    [Fact]
    public async Task A_call_to_a_silo_nobody_listens_for_fails_with_silo_unavailable()
    {
        var a = await Start("a");
        var b = await Start("b");
        await b.StopAsync();

        var thrown = await FluentActions.Awaiting(() => a.Grains.GetGrain<IValuesGrain>("b:gone").WhereAmI())
            .Should().ThrowAsync<SiloUnavailableException>();
        thrown.Which.Silo.Should().Be(b.Address);
    }

    [Fact]
    public async Task After_the_peer_restarts_on_the_same_port_calls_reach_the_new_generation_and_the_old_address_is_refused()
    {
        var a = await Start("a");
        var b1 = await Start("b", generation: 1);
        (await a.Grains.GetGrain<IValuesGrain>("b:x").WhereAmI()).Should().Be(b1.Address.Value);
        await b1.StopAsync();

        var b2 = await Start("b", port: b1.ClusterAddress.Port, generation: 2);
        b2.ClusterAddress.Should().Be(b1.ClusterAddress with { Generation = 2 });

        var answeredBy = await Eventually.SucceedsAsync(() => a.Grains.GetGrain<IValuesGrain>("b:x").WhereAmI(), Patience);
        answeredBy.Should().Be(b2.Address.Value);

        var stale = await FluentActions.Awaiting(() => CallOn(a, b1.Address)).Should().ThrowExactlyAsync<NotThisSiloException>();
        stale.Which.Target.Should().Be(b1.Address);
        stale.Which.Actual.Should().Be(b2.Address);
    }

    [Fact]
    public async Task A_probe_answers_only_for_the_live_generation()
    {
        var a = await Start("a");
        var b = await Start("b", generation: 5);
        var timeout = TimeSpan.FromSeconds(5);

        (await a.Probe.ProbeAsync(b.ClusterAddress, timeout, CancellationToken.None)).Should().Be(ProbeAnswer.Serving);
        (await a.Probe.ProbeAsync(b.ClusterAddress with { Generation = 4 }, timeout, CancellationToken.None)).Should().Be(ProbeAnswer.NoAnswer);

        await b.StopAsync();
        (await a.Probe.ProbeAsync(b.ClusterAddress, timeout, CancellationToken.None)).Should().Be(ProbeAnswer.NoAnswer);
    }

    [Fact]
    public async Task A_probe_of_an_endpoint_nobody_listens_on_gets_no_answer()
    {
        var a = await Start("a");
        var nobody = new ClusterSiloAddress("127.0.0.1", TestCluster.FreePort(), 1);

        (await a.Probe.ProbeAsync(nobody, TimeSpan.FromSeconds(2), CancellationToken.None)).Should().Be(ProbeAnswer.NoAnswer);
    }

    private static Task<string> CallOn(TestSilo caller, SiloAddress target)
    {
        var method = caller.Services.GetRequiredService<GrainTypeRegistry>().InterfaceOf(typeof(IValuesGrain))
            .Methods.Values.Single(m => m.Name == nameof(IValuesGrain.WhereAmI));
        return (Task<string>)caller.Invoker.InvokeAsync(target, new GrainId("values", "b:x"), method, [], null);
    }
}
