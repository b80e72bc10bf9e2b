using SmartTrader.Runtime.Cluster.Bench;
using SmartTrader.TestSupport;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests.Bench;

public sealed class ClusterFailoverBenchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_failover_bench_kills_a_silo_hosting_grains_and_restarts_the_cluster_and_reports_both_times()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();

        var result = await ClusterFailoverBench.RunAsync(database.ConnectionString, grains: 30);

        output.WriteLine($"FIGURE bench: kill -> {result.GrainsOnKilledSilo} grains serving again {result.KillToServingSeconds:F2} s; " +
                         $"cold restart of three silos -> all {result.Grains} serving {result.ColdRestartSeconds:F2} s");
        result.GrainsOnKilledSilo.Should().BePositive("rendezvous placement puts some of 30 grains on each of three silos");
        result.KillToServingSeconds.Should().BeInRange(1, 60, "the survivors wait for the death limit before taking over");
        result.ColdRestartSeconds.Should().BeInRange(0, 60);
    }
}
