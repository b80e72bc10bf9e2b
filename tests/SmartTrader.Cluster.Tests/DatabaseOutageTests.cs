using System.Diagnostics;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime.Cluster;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests;

/// <summary>
/// The membership table out of every silo's reach at once for longer than twice the death limit, as when PostgreSQL
/// is down: the silos stop serving but keep running, and once the table answers again they serve again as the same
/// lives. Heartbeats nobody could write condemn nobody, whoever reaches the table first.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);
    private static readonly ClusterOptions Defaults = new();

    /// <summary>Long enough that every heartbeat in the table is older than twice the death limit when it answers again.</summary>
    private static readonly TimeSpan Outage = 2 * Defaults.DeathLimit + TimeSpan.FromSeconds(2);

    [Fact]
    public async Task After_the_table_was_out_of_reach_for_every_silo_they_serve_again_as_the_same_lives_and_declare_no_one_dead()
    {
        await using var cluster = await PartitionableMembershipTable.StartClusterAsync(3, output);
        await cluster.WaitForStableAsync(Generous);
        var keys = new List<string>();
        foreach (var silo in cluster.Silos) keys.Add(await FailoverTests.KeyHostedOnAsync(cluster, silo));
        foreach (var key in keys) (await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment()).Should().Be(1);
        var view = cluster[0].Membership.Current.Version;

        var outage = Stopwatch.StartNew();
        foreach (var silo in cluster.Silos) PartitionableMembershipTable.Of(silo).Partition();
        var lapsed = await Eventually.WaitUntilAsync(() => cluster.Silos.All(s => !s.Membership.IsServing), Defaults.DeathLimit + Generous,
            "every silo's lease lapses");
        foreach (var silo in cluster.Silos)
            await silo.Grains.GetGrain<ICounterGrain>(keys[silo.Index]).Invoking(g => g.Get()).Should().ThrowAsync<SiloNotServingException>();
        await Eventually.WaitUntilAsync(() => outage.Elapsed >= Outage, Outage + Generous, "the outage lasts its time");
        cluster.Silos.Should().OnlyContain(s => s.IsRunning, "a lapsed lease stops serving, not the silo");

        // One silo reaches the table well before the others: it must not judge them by heartbeats nobody could write.
        PartitionableMembershipTable.Of(cluster[0]).Heal();
        await Eventually.WaitUntilAsync(() => cluster[0].Membership.IsServing, Generous, "the first silo back serves again");
        await Task.Delay(2 * Defaults.HeartbeatPeriod);
        PartitionableMembershipTable.Of(cluster[1]).Heal();
        PartitionableMembershipTable.Of(cluster[2]).Heal();
        var servingAgain = await Eventually.WaitUntilAsync(() => cluster.Silos.All(s => s.Membership.IsServing), Generous, "every silo serves again");

        await cluster.WaitForStableAsync(Generous);
        cluster.Silos.Should().OnlyContain(s => s.IsRunning && s.Membership.Current.Version == view, "nobody was declared dead or rejoined");
        foreach (var silo in cluster.Silos)
        {
            var grain = silo.Grains.GetGrain<ICounterGrain>(keys[silo.Index]);
            (await grain.Increment()).Should().Be(2, "the activation kept its state through the outage");
            (await grain.Silo()).Should().Be(silo.Address.ToString());
        }
        output.WriteLine($"FIGURE membership table out of reach for {Outage.TotalSeconds:F0} s: every lease lapsed {lapsed.TotalSeconds:F1} s in; " +
                         $"every silo serving {servingAgain.TotalSeconds:F1} s after the last silo's table answered again");
    }

    [Fact]
    public async Task A_silo_joining_while_its_peers_cannot_reach_the_table_declares_none_of_them_dead()
    {
        await using var cluster = await PartitionableMembershipTable.StartClusterAsync(2, output);
        await cluster.WaitForStableAsync(Generous);
        var outage = Stopwatch.StartNew();
        foreach (var silo in cluster.Silos) PartitionableMembershipTable.Of(silo).Partition();
        await Eventually.WaitUntilAsync(() => outage.Elapsed >= Outage, Outage + Generous, "the peers' heartbeats are stale past twice the limit");

        var joined = await cluster.StartAdditionalAsync();

        joined.Membership.Current.Silos.Should().OnlyContain(s => s.Status == SiloStatus.Active, "the stale peers answered its probes");
        foreach (var silo in cluster.Silos.Take(2)) PartitionableMembershipTable.Of(silo).Heal();
        await cluster.WaitForStableAsync(Generous);
        cluster.Silos.Should().HaveCount(3).And.OnlyContain(s => s.IsRunning && s.Membership.IsServing);
    }
}
