using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime.Cluster;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests;

public sealed class ClusterFormationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_silos_join_as_active_agree_on_one_view_and_spread_grains_with_one_activation_each()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(TimeSpan.FromSeconds(15));

        cluster[0].Membership.Current.Silos.Should().HaveCount(3).And.OnlyContain(s => s.Status == SiloStatus.Active);
        cluster.Silos.Select(s => s.Address.Port).Should().OnlyHaveUniqueItems();

        var hosts = new Dictionary<string, string>();
        for (var i = 0; i < 60; i++)
        {
            var key = $"k{i}";
            var viaEachSilo = await Task.WhenAll(cluster.Silos.Select(s => s.Grains.GetGrain<ICounterGrain>(key).Silo()));
            viaEachSilo.Distinct().Should().ContainSingle("every silo routes {0} to the same activation", key);
            hosts[key] = viaEachSilo[0];
        }

        hosts.Values.Distinct().Should().HaveCount(3, "rendezvous placement spreads 60 grains over all three silos");
        cluster.Silos.Sum(s => s.Diagnostics.ActivationCount).Should().Be(60, "each grain has exactly one activation in the cluster");
    }
}
