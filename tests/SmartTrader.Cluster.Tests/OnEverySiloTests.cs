using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests;

public sealed class OnEverySiloTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_grain_on_every_silo_runs_on_the_silo_its_key_names_from_any_caller_and_claims_no_directory_row()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);

        foreach (var caller in cluster.Silos)
        {
            var roster = caller.Services.GetRequiredService<ISiloRoster>().Live.Select(s => s.Value).ToList();
            roster.Should().BeEquivalentTo(cluster.Silos.Select(s => s.Address.ToString()));
            foreach (var target in roster)
                (await caller.Grains.GetGrain<ISiloLocalProbeGrain>(target).Silo()).Should().Be(target);
        }

        cluster.Silos.Should().OnlyContain(s => s.Diagnostics.ActivationCount == 1, "each silo runs its own activation, and only it");
        (await ClusterSql.ScalarAsync<long>(cluster.ConnectionString, "SELECT count(*) FROM grain_directory WHERE grain_type = 'silolocalprobe'"))
            .Should().Be(0);
    }

    [Fact]
    public async Task A_silo_that_left_drops_out_of_the_roster_and_its_grain_is_not_placed_elsewhere()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var gone = cluster[1].Address.ToString();

        await cluster.StopAsync(1);

        await Eventually.WaitUntilAsync(() => !cluster[0].Services.GetRequiredService<ISiloRoster>().Live.Any(s => s.Value == gone), Generous,
            "the silo that left is no longer live");
        await FluentActions.Awaiting(() => cluster.GrainFactory(0).GetGrain<ISiloLocalProbeGrain>(gone).Silo()).Should().ThrowAsync<Exception>();
        cluster[0].Diagnostics.ActivationCount.Should().Be(0);
    }
}
