using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime.Cluster;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests;

public sealed class MembershipLifecycleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Live_silos_keep_heartbeating_and_nobody_is_declared_dead()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var version = cluster[0].Membership.Current.Version;

        await Task.Delay(new ClusterOptions().DeathLimit + TimeSpan.FromSeconds(2));

        var view = cluster[0].Membership.Current;
        view.Version.Should().Be(version, "nothing changed while both silos heartbeat");
        view.Silos.Should().OnlyContain(s => s.Status == SiloStatus.Active && view.HeartbeatAge(s) < TimeSpan.FromSeconds(3));
        cluster.Silos.Should().OnlyContain(s => s.Membership.IsServing);
    }

    [Fact]
    public async Task A_silo_cut_off_from_postgres_stops_serving_before_its_peers_declare_it_dead_and_stops_for_good_once_it_reads_that()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions
        {
            Output = output,
            Services = (services, silo) =>
            {
                if (silo.Index == 1) PartitionableMembershipTable.AddTo(services);
            },
        });
        await cluster.WaitForStableAsync(Generous);
        var isolated = cluster[1];
        var key = await FailoverTests.KeyHostedOnAsync(cluster, isolated);
        (await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment()).Should().Be(1);

        var sincePartition = Stopwatch.StartNew();
        PartitionableMembershipTable.Of(isolated).Partition();
        var stillServingWhenDeclaredDead = true;
        await Eventually.WaitUntilAsync(() =>
        {
            var dead = cluster[0].Membership.Current.Find(isolated.Address)?.Status == SiloStatus.Dead;
            if (dead) stillServingWhenDeclaredDead = isolated.Membership.IsServing;
            return dead;
        }, Generous, "the peer declares it dead");
        var declared = sincePartition.Elapsed;

        stillServingWhenDeclaredDead.Should().BeFalse("the silo stops serving first, so no two silos ever serve its grains at once");
        isolated.IsRunning.Should().BeTrue("a silo that cannot reach the table cannot tell a partition from an outage, so it waits");
        await isolated.Grains.GetGrain<ICounterGrain>(key).Invoking(g => g.Get()).Should().ThrowAsync<SiloNotServingException>();
        (await Eventually.SucceedsAsync(cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment, Generous)).Should().Be(2);

        PartitionableMembershipTable.Of(isolated).Heal();
        await isolated.Stopped.WaitAsync(Generous);
        isolated.Membership.IsServing.Should().BeFalse("its first heartbeat back found its row dead");
        output.WriteLine($"FIGURE partition -> peers declare the isolated silo dead: {declared.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_silo_whose_database_calls_never_answer_keeps_its_rounds_going_and_once_it_reads_itself_dead_stops_without_waiting_for_work_in_flight()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions
        {
            Output = output,
            Services = (services, silo) =>
            {
                if (silo.Index != 1) return;
                PartitionableMembershipTable.AddTo(services);
                services.AddHostedService<WorkInFlight>();
            },
        });
        await cluster.WaitForStableAsync(Generous);
        var isolated = cluster[1];
        var table = PartitionableMembershipTable.Of(isolated);
        var options = new ClusterOptions();
        try
        {
            table.Silence();
            await Eventually.WaitUntilAsync(
                () => cluster[0].Membership.Current.Find(isolated.Address)?.Status == SiloStatus.Dead, Generous, "the peer declares it dead");
            isolated.Membership.IsServing.Should().BeFalse();
            isolated.IsRunning.Should().BeTrue("a lapsed lease stops serving, not the silo");
            // Each round abandons its unanswered calls (a heartbeat, a read) after DatabaseTimeout, and the next one tries again.
            await Eventually.WaitUntilAsync(() => table.Unanswered >= 4, Generous, "a second round of unanswered calls");

            // The calls in flight never answer; the next round's heartbeat reaches the table, finds the row dead and
            // fences, and the host's stop gives up on the work in flight after FencedShutdownTimeout (not its 30 s).
            var sinceHeal = Stopwatch.StartNew();
            table.Heal();
            await isolated.Stopped.WaitAsync(
                options.HeartbeatPeriod + 2 * options.DatabaseTimeout + options.FencedShutdownTimeout + TimeSpan.FromSeconds(2));
            isolated.Services.GetRequiredService<ClusterMembership>().FenceReason.Should().BeOneOf("a peer declared it dead.", "its membership row is dead or gone.");
            output.WriteLine($"FIGURE database answers again -> the silo declared dead stopped: {sinceHeal.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            table.EndSilence();
        }
    }

    /// <summary>Stops only when the host gives up on it, like a request waiting on a database that does not answer.</summary>
    private sealed class WorkInFlight : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [Fact]
    public async Task A_silo_restarted_on_its_endpoint_retires_its_previous_life_at_once()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var previous = cluster[1].Address;
        cluster.Kill(1);

        var restarted = await cluster.RestartAsync(1);

        restarted.Address.Should().Be(previous with { Generation = restarted.Address.Generation });
        restarted.Address.Generation.Should().BeGreaterThan(previous.Generation);
        restarted.Membership.Current.Find(previous)!.Status.Should().Be(SiloStatus.Dead, "declared while joining, not after the death limit");
        await cluster.WaitForStableAsync(Generous);
    }

    [Fact]
    public async Task A_silo_added_to_a_running_cluster_takes_new_grains_while_active_ones_stay_where_they_are()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var keys = Enumerable.Range(0, 30).Select(i => $"grow-{i}").ToList();
        var before = new Dictionary<string, string>();
        foreach (var key in keys) before[key] = await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Silo();

        var added = await cluster.StartAdditionalAsync();
        await cluster.WaitForStableAsync(Generous);

        foreach (var key in keys) (await added.Grains.GetGrain<ICounterGrain>(key).Silo()).Should().Be(before[key], "the directory keeps {0} where it is active", key);
        var hosts = new List<string>();
        for (var i = 0; i < 30; i++) hosts.Add(await cluster.GrainFactory(0).GetGrain<ICounterGrain>($"new-{i}").Silo());
        hosts.Should().Contain(added.Address.ToString());
        cluster.Silos.Sum(s => s.Diagnostics.ActivationCount).Should().Be(60);
    }

    [Fact]
    public async Task Rows_of_dead_silos_are_deleted_after_the_retention()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions
        {
            Output = output,
            Cluster = o => o.DeadSiloRetention = TimeSpan.FromSeconds(2),
        });
        await cluster.WaitForStableAsync(Generous);
        var leaving = cluster[1].Address.ToString();
        string? StatusOfLeaving() =>
            ClusterSql.ScalarAsync<string>(cluster.ConnectionString, "SELECT status FROM cluster_silos WHERE address = $1", leaving).Result;

        var stopping = cluster.StopAsync(1);
        // Watched while it stops: with a retention this short the row can be gone before a busy host's stop returns.
        await Eventually.WaitUntilAsync(() => StatusOfLeaving() == "Dead", Generous, "the leaving silo's row is marked Dead");
        await stopping;

        await Eventually.WaitUntilAsync(() => ClusterSql.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM cluster_silos WHERE address = $1", leaving).Result == 0, Generous, "the dead row is deleted");
    }
}
