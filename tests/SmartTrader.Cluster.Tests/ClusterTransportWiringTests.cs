using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using ISlowGrain = SmartTrader.Cluster.Tests.Transport.ISlowGrain;
using Signals = SmartTrader.Cluster.Tests.Transport.Signals;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests;

/// <summary>Membership, placement and the TCP transport working together.</summary>
public sealed class ClusterTransportWiringTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_fenced_silo_whose_transport_still_answers_refuses_calls_from_peers()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions { Output = output, Cluster = o => o.OnFenced = _ => { } });
        await cluster.WaitForStableAsync(Generous);
        var fenced = cluster[1];
        var key = await FailoverTests.KeyHostedOnAsync(cluster, fenced);
        (await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment()).Should().Be(1);

        (await ClusterSql.DeclareDeadAsync(cluster.ConnectionString, fenced.Address.ToString())).Should().Be(1);
        await Eventually.WaitUntilAsync(() => !fenced.Membership.IsServing, Generous, "the silo reads itself dead");

        var call = CallDirectly<int>(cluster[0], fenced, typeof(ICounterGrain), nameof(ICounterGrain.Get), key);
        await FluentActions.Awaiting(() => call).Should().ThrowAsync<SiloNotServingException>("the transport hands calls to InboundGrainCalls");
    }

    [Fact]
    public async Task A_peer_confirms_a_membership_reread_only_when_its_read_succeeded()
    {
        await using var cluster = await PartitionableMembershipTable.StartClusterAsync(2, output);
        await cluster.WaitForStableAsync(Generous);
        var transport = cluster[0].Services.GetRequiredService<TransportClient>();
        var peer = cluster[1].Address.ToSiloAddress();
        Task<ProbeAnswer> AskToReread() => transport.AskToRereadMembershipAsync(peer, Generous, CancellationToken.None);

        (await AskToReread()).Should().Be(ProbeAnswer.Serving);
        PartitionableMembershipTable.Of(cluster[1]).Partition();
        (await AskToReread()).Should().Be(ProbeAnswer.NotServing, "its read of the table failed");
        PartitionableMembershipTable.Of(cluster[1]).Heal();
        (await AskToReread()).Should().Be(ProbeAnswer.Serving);
    }

    [Fact]
    public async Task A_silo_whose_lease_lapsed_answers_probes_that_it_is_alive_but_not_serving_until_a_heartbeat_renews_it()
    {
        // Both silos lose the table, so neither can declare the other dead meanwhile.
        await using var cluster = await PartitionableMembershipTable.StartClusterAsync(2, output);
        await cluster.WaitForStableAsync(Generous);
        var probe = cluster[0].Services.GetRequiredService<ISiloProbe>();
        Task<ProbeAnswer> ProbeSiloOne() => probe.ProbeAsync(cluster[1].Address, TimeSpan.FromSeconds(2), CancellationToken.None);
        (await ProbeSiloOne()).Should().Be(ProbeAnswer.Serving);

        foreach (var silo in cluster.Silos) PartitionableMembershipTable.Of(silo).Partition();
        await Eventually.WaitUntilAsync(() => !cluster[1].Membership.IsServing, Generous, "its lease lapses");
        (await ProbeSiloOne()).Should().Be(ProbeAnswer.NotServing);

        foreach (var silo in cluster.Silos) PartitionableMembershipTable.Of(silo).Heal();
        await Eventually.WaitUntilAsync(() => cluster[1].Membership.IsServing, Generous, "a heartbeat renews it");
        (await ProbeSiloOne()).Should().Be(ProbeAnswer.Serving);
    }

    [Fact]
    public async Task A_peer_declared_dead_while_its_sockets_stay_open_fails_the_calls_pending_on_it_at_once()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions { Output = output, Cluster = o => o.OnFenced = _ => { } });
        await cluster.WaitForStableAsync(Generous);
        var frozen = cluster[1];
        var key = KeyPlacedOn(cluster[0], frozen, typeof(ISlowGrain));
        var signal = Guid.NewGuid().ToString("N");
        var pending = cluster.GrainFactory(0).GetGrain<ISlowGrain>(key).WaitForCancellation(signal, CancellationToken.None);
        await Signals.Named(signal + ":started").Task.WaitAsync(Generous);

        (await ClusterSql.DeclareDeadAsync(cluster.ConnectionString, frozen.Address.ToString())).Should().Be(1);

        var thrown = await FluentActions.Awaiting(() => pending.WaitAsync(Generous)).Should().ThrowAsync<SiloUnavailableException>(
            "membership tells the transport, well before the 10 s call timeout would answer TimeoutException");
        thrown.Which.Silo.Should().Be(frozen.Address.ToSiloAddress());
        await Signals.Named(signal + ":cancelled").Task.WaitAsync(Generous);
    }

    [Fact]
    public async Task A_call_that_finds_its_cached_holder_unreachable_makes_placement_forget_it_so_the_retry_reaches_the_owner()
    {
        // A death limit long enough that membership cannot be what moves the call.
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output, Cluster = o => o.DeathLimit = TimeSpan.FromSeconds(60) });
        await cluster.WaitForStableAsync(Generous);
        var owner = cluster[2];
        var key = KeyPlacedOn(cluster[0], owner, typeof(ICounterGrain));
        cluster.Kill(1);
        var placement = cluster[0].Services.GetRequiredService<ClusterPlacement>();
        placement.Cache.Set(GrainIdOf(cluster[0], typeof(ICounterGrain), key), cluster[1].Address.ToSiloAddress());
        var grain = cluster.GrainFactory(0).GetGrain<ICounterGrain>(key);

        await grain.Invoking(g => g.Increment()).Should().ThrowAsync<SiloUnavailableException>();
        (await grain.Increment()).Should().Be(1, "the retry went to the rendezvous owner");
        (await grain.Silo()).Should().Be(owner.Address.ToString());
        cluster[0].Membership.Current.Find(cluster[1].Address)!.Status.Should().Be(SiloStatus.Active, "the killed silo is not declared dead yet");
    }

    private static string KeyPlacedOn(TestSilo caller, TestSilo owner, Type grainInterface)
    {
        var placement = caller.Services.GetRequiredService<IGrainPlacement>();
        for (var i = 0; ; i++)
        {
            var key = $"wiring-{owner.Index}-{i}";
            if (placement.GetOwner(GrainIdOf(caller, grainInterface, key)) == owner.Address.ToSiloAddress()) return key;
        }
    }

    private static GrainId GrainIdOf(TestSilo silo, Type grainInterface, string key) =>
        new(silo.Services.GetRequiredService<GrainTypeRegistry>().InterfaceOf(grainInterface).Implementation.GrainType, key);

    private static Task<T> CallDirectly<T>(TestSilo caller, TestSilo target, Type grainInterface, string methodName, string key)
    {
        var registered = caller.Services.GetRequiredService<GrainTypeRegistry>().InterfaceOf(grainInterface);
        var method = registered.Methods[grainInterface.GetMethod(methodName)!];
        var invoker = caller.Services.GetRequiredService<IRemoteGrainInvoker>();
        return (Task<T>)invoker.InvokeAsync(target.Address.ToSiloAddress(), GrainIdOf(caller, grainInterface, key), method, [], null);
    }
}
