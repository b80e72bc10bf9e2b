using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    public async Task A_silo_cut_off_from_postgres_stops_serving_before_its_peers_declare_it_dead()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions
        {
            Output = output,
            Services = (services, silo) =>
            {
                if (silo.Index != 1) return;
                services.AddSingleton(sp => new PartitionableMembershipTable(new PostgresMembershipTable(sp.GetRequiredService<ClusterDatabase>())));
                services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(sp => sp.GetRequiredService<PartitionableMembershipTable>()));
            },
        });
        await cluster.WaitForStableAsync(Generous);
        var isolated = cluster[1];
        var key = await FailoverTests.KeyHostedOnAsync(cluster, isolated);
        (await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment()).Should().Be(1);

        var sincePartition = Stopwatch.StartNew();
        isolated.Services.GetRequiredService<PartitionableMembershipTable>().Partition();
        var stillServingWhenDeclaredDead = true;
        await Eventually.WaitUntilAsync(() =>
        {
            var dead = cluster[0].Membership.Current.Find(isolated.Address)?.Status == SiloStatus.Dead;
            if (dead) stillServingWhenDeclaredDead = isolated.Membership.IsServing;
            return dead;
        }, Generous, "the peer declares it dead");
        var declared = sincePartition.Elapsed;

        stillServingWhenDeclaredDead.Should().BeFalse("the silo fences itself first, so no two silos ever serve its grains at once");
        await isolated.Grains.GetGrain<ICounterGrain>(key).Invoking(g => g.Get()).Should().ThrowAsync<SiloNotServingException>();
        await isolated.Stopped.WaitAsync(Generous);
        (await Eventually.SucceedsAsync(cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment, Generous)).Should().Be(2);
        output.WriteLine($"FIGURE partition -> peers declare the isolated silo dead: {declared.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_silo_whose_database_calls_never_answer_stops_itself_once_its_lease_runs_out_without_waiting_for_work_in_flight()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions
        {
            Output = output,
            Services = (services, silo) =>
            {
                if (silo.Index != 1) return;
                services.AddSingleton(sp => new PartitionableMembershipTable(new PostgresMembershipTable(sp.GetRequiredService<ClusterDatabase>())));
                services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(sp => sp.GetRequiredService<PartitionableMembershipTable>()));
                services.AddHostedService<WorkInFlight>();
            },
        });
        await cluster.WaitForStableAsync(Generous);
        var isolated = cluster[1];
        var options = new ClusterOptions();

        var table = isolated.Services.GetRequiredService<PartitionableMembershipTable>();
        var sinceSilence = Stopwatch.StartNew();
        table.Silence();

        // The lease runs out DeathLimit after the last heartbeat; each database call of the round under way is
        // abandoned after DatabaseTimeout (a heartbeat, then a read), the next round fences, and the host's stop gives
        // up on the work in flight after FencedShutdownTimeout (not the host's default 30 s).
        try
        {
            await isolated.Stopped.WaitAsync(
                options.DeathLimit + 2 * options.DatabaseTimeout + 2 * options.HeartbeatPeriod + options.FencedShutdownTimeout);
        }
        finally
        {
            table.EndSilence();
        }
        isolated.Membership.IsServing.Should().BeFalse();
        isolated.Services.GetRequiredService<ClusterMembership>().FenceReason.Should().Contain("could not heartbeat");
        output.WriteLine($"FIGURE database silent -> the silo stopped itself: {sinceSilence.Elapsed.TotalSeconds:F1} s");
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

        await cluster.StopAsync(1);
        (await ClusterSql.ScalarAsync<string>(cluster.ConnectionString, "SELECT status FROM cluster_silos WHERE address = $1", leaving)).Should().Be("Dead");

        await Eventually.WaitUntilAsync(() => ClusterSql.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM cluster_silos WHERE address = $1", leaving).Result == 0, Generous, "the dead row is deleted");
    }
}
