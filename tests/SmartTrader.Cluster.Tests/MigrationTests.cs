using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime.Cluster;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests;

public sealed class MigrationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_grain_moves_next_to_its_anchor_with_its_state_and_every_silo_learns_to_call_it_there()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var grains = cluster.GrainFactory(0);
        var nomad = grains.GetGrain<INomadGrain>("nomad-1");
        (await nomad.Increment()).Should().Be(1);
        var placedOn = await nomad.Silo();
        var (anchor, anchorSilo) = await CounterOnAnotherSilo(cluster, placedOn);

        (await nomad.MoveNextTo(anchor)).Should().BeTrue();
        (await nomad.Silo()).Should().Be(anchorSilo, "a call made as the grain moves follows it");
        (await ClusterSql.ScalarAsync<string>(cluster.ConnectionString,
            "SELECT silo FROM grain_directory WHERE grain_type = 'nomad' AND grain_key = 'nomad-1'")).Should().Be(anchorSilo);
        cluster.Silos.Sum(s => s.Diagnostics.ActivationCountsByType().GetValueOrDefault("nomad")).Should().Be(1);
        (await nomad.MoveNextTo(anchor)).Should().BeFalse("it is there now");

        foreach (var silo in cluster.Silos) (await silo.Grains.GetGrain<INomadGrain>("nomad-1").Silo()).Should().Be(anchorSilo);
        var passedOn = ReceivedSiloCalls(cluster);
        foreach (var silo in cluster.Silos) (await silo.Grains.GetGrain<INomadGrain>("nomad-1").Silo()).Should().Be(anchorSilo);
        var calls = ReceivedSiloCalls(cluster);
        calls.Should().Be(passedOn + 2, "after one answer every silo calls the grain's silo directly: the other two silos, one call each");

        (await cluster.GrainFactory(1).GetGrain<INomadGrain>("nomad-1").Increment()).Should().Be(2, "the new activation read the committed state");
    }

    [Fact]
    public async Task A_moved_grain_whose_silo_is_killed_activates_on_a_survivor_with_its_committed_state()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var nomad = cluster.GrainFactory(0).GetGrain<INomadGrain>("nomad-2");
        (await nomad.Increment()).Should().Be(1);
        var (anchor, anchorSilo) = await CounterOnAnotherSilo(cluster, await nomad.Silo());
        (await nomad.MoveNextTo(anchor)).Should().BeTrue();
        (await nomad.Silo()).Should().Be(anchorSilo);
        (await nomad.Increment()).Should().Be(2);

        var victim = cluster.Silos.Single(s => s.Address.ToSiloAddress().Value == anchorSilo).Index;
        cluster.Kill(victim);
        await cluster.WaitForStableAsync(TimeSpan.FromSeconds(30));
        var caller = cluster.Running.First().Grains.GetGrain<INomadGrain>("nomad-2");

        (await caller.Increment()).Should().Be(3);
        (await caller.Silo()).Should().NotBe(anchorSilo);
    }

    /// <summary>Each silo counts the calls it received for the grain's Silo(), whoever sent them.</summary>
    private static long ReceivedSiloCalls(TestCluster cluster) =>
        cluster.Silos.Sum(s => s.Services.GetRequiredService<IRemoteCallStatistics>().Counts().ReceivedByMethod.GetValueOrDefault("INomadGrain.Silo"));

    private static async Task<(string Key, string Silo)> CounterOnAnotherSilo(TestCluster cluster, string notOn)
    {
        for (var i = 0; ; i++)
        {
            var key = $"anchor-{i}";
            var silo = await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Silo();
            if (silo != notOn) return (key, silo);
        }
    }
}
