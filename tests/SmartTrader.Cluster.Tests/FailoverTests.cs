using System.Diagnostics;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime.Cluster;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests;

public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_killed_silo_is_declared_dead_by_its_peers_and_its_grains_serve_again_on_survivors_from_committed_state()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var keys = Enumerable.Range(0, 30).Select(i => $"failover-{i}").ToList();
        foreach (var key in keys)
        {
            (await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment()).Should().Be(1);
            (await cluster.GrainFactory(1).GetGrain<ICounterGrain>(key).Increment()).Should().Be(2);
        }
        var victim = cluster[2].Address;
        var onVictim = new List<string>();
        foreach (var key in keys)
            if (await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Silo() == victim.ToString()) onVictim.Add(key);
        onVictim.Should().NotBeEmpty("rendezvous placement puts some of 30 grains on each of three silos");

        var sinceKill = Stopwatch.StartNew();
        cluster.Kill(2);
        var declaredDead = await Eventually.WaitUntilAsync(
            () => cluster.Running.All(s => s.Membership.Current.Find(victim)?.Status == SiloStatus.Dead), Generous, "the survivors see the killed silo dead");

        foreach (var key in onVictim)
        {
            var grain = cluster.GrainFactory(0).GetGrain<ICounterGrain>(key);
            (await Eventually.SucceedsAsync(grain.Increment, Generous)).Should().Be(3, "the new activation starts from the committed state");
            (await grain.Silo()).Should().NotBe(victim.ToString());
        }
        var servingAgain = sinceKill.Elapsed;
        output.WriteLine($"FIGURE kill -> declared dead everywhere: {declaredDead.TotalSeconds:F1} s; kill -> its {onVictim.Count} grains serving: {servingAgain.TotalSeconds:F1} s");
        servingAgain.Should().BeLessThan(Generous);

        foreach (var key in keys.Except(onVictim))
            (await cluster.GrainFactory(1).GetGrain<ICounterGrain>(key).Get()).Should().Be(2, "grains on survivors were untouched");
        await cluster.WaitForStableAsync(Generous);
    }

    [Fact]
    public async Task A_silo_that_reads_itself_dead_refuses_calls_and_stops_its_host_while_its_grains_move_on()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var doomed = cluster[1];
        var key = await KeyHostedOnAsync(cluster, doomed);
        (await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment()).Should().Be(1);

        (await ClusterSql.DeclareDeadAsync(cluster.ConnectionString, doomed.Address.ToString())).Should().Be(1);

        await doomed.Stopped.WaitAsync(Generous);
        doomed.Membership.IsServing.Should().BeFalse();
        await doomed.Grains.GetGrain<ICounterGrain>(key).Invoking(g => g.Get()).Should().ThrowAsync<SiloNotServingException>();
        (await Eventually.SucceedsAsync(cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment, Generous)).Should().Be(2);
        (await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Silo()).Should().Be(cluster[0].Address.ToString());
    }

    [Fact]
    public async Task A_leaving_silo_has_its_peers_read_that_it_left_before_it_stops_answering()
    {
        // Without a drain the peers cannot have learned of it from a heartbeat of their own: only by being asked.
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output, Cluster = o => o.ShutdownDrainDelay = TimeSpan.Zero });
        await cluster.WaitForStableAsync(Generous);

        await cluster.StopAsync(1);

        cluster.Running.Should().OnlyContain(s => s.Membership.Current.Find(cluster[1].Address)!.Status == SiloStatus.Dead);
    }

    [Fact]
    public async Task Graceful_stop_hands_grains_off_without_losing_a_write_or_failing_a_call()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var keys = Enumerable.Range(0, 30).Select(i => $"handoff-{i}").ToList();
        var acknowledged = keys.ToDictionary(k => k, _ => 0);
        foreach (var key in keys) acknowledged[key] = await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment();
        var leaving = cluster[1].Address.ToString();
        var onLeaving = 0;
        foreach (var key in keys) if (await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Silo() == leaving) onLeaving++;
        onLeaving.Should().BePositive();

        var failures = new List<Exception>();
        using var stopCalling = new CancellationTokenSource();
        var calling = Task.Run(async () =>
        {
            while (!stopCalling.IsCancellationRequested)
            foreach (var key in keys)
            {
                try
                {
                    acknowledged[key] = await cluster.GrainFactory(keys.IndexOf(key) % 2 == 0 ? 0 : 2).GetGrain<ICounterGrain>(key).Increment();
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
        });

        var stopping = Stopwatch.StartNew();
        await cluster.StopAsync(1);
        output.WriteLine($"FIGURE graceful stop of a silo hosting {onLeaving} grains: {stopping.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(500);
        await stopCalling.CancelAsync();
        await calling;

        failures.Should().BeEmpty();
        cluster.Running.Should().OnlyContain(s => s.Membership.Current.Find(cluster[1].Address)!.Status == SiloStatus.Dead,
            "peers learn of the exit before the silo stops answering, not by failure detection");
        foreach (var key in keys)
        {
            var grain = cluster.GrainFactory(2).GetGrain<ICounterGrain>(key);
            (await grain.Get()).Should().Be(acknowledged[key], "every acknowledged write of {0} survived the handoff", key);
            (await grain.Silo()).Should().NotBe(leaving);
        }
    }

    [Fact]
    public async Task After_every_silo_was_killed_the_first_silo_back_declares_the_stale_ones_dead_at_once_and_serves()
    {
        var options = new TestClusterOptions { Output = output };
        await using var cluster = await TestCluster.StartAsync(3, options);
        await cluster.WaitForStableAsync(Generous);
        var keys = Enumerable.Range(0, 30).Select(i => $"outage-{i}").ToList();
        foreach (var key in keys) await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment();
        for (var i = 0; i < 3; i++) cluster.Kill(i);
        var deathLimit = new ClusterOptions().DeathLimit;
        await Task.Delay(deathLimit + TimeSpan.FromSeconds(1)); // the rows have gone stale: the outage outlasted the death limit

        var restarting = Stopwatch.StartNew();
        var first = await cluster.RestartAsync(0);
        var joined = restarting.Elapsed;
        first.Membership.Current.Silos.Where(s => s.IsLive).Select(s => s.Address).Should().Equal([first.Address],
            "stale rows are declared dead while joining, without waiting for the death limit or a probe");
        foreach (var key in keys)
            (await Eventually.SucceedsAsync(first.Grains.GetGrain<ICounterGrain>(key).Increment, Generous)).Should().Be(2);
        var serving = restarting.Elapsed;
        output.WriteLine($"FIGURE cold start after a full outage: joined in {joined.TotalSeconds:F2} s, all {keys.Count} grains serving in {serving.TotalSeconds:F2} s");
        serving.Should().BeLessThan(Generous);
    }

    [Fact]
    public async Task One_silo_restarted_at_once_after_a_full_kill_serves_every_grain_once_the_others_rows_go_stale()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var keys = Enumerable.Range(0, 30).Select(i => $"alone-{i}").ToList();
        foreach (var key in keys) await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment();
        for (var i = 0; i < 3; i++) cluster.Kill(i);

        var restarting = Stopwatch.StartNew();
        var first = await cluster.RestartAsync(0);
        foreach (var key in keys)
            (await Eventually.SucceedsAsync(first.Grains.GetGrain<ICounterGrain>(key).Increment, Generous)).Should().Be(2);
        var serving = restarting.Elapsed;
        output.WriteLine($"FIGURE one silo restarted right after a full kill: all {keys.Count} grains serving in {serving.TotalSeconds:F2} s");
        serving.Should().BeLessThan(Generous);
        await cluster.WaitForStableAsync(Generous);
    }

    [Fact]
    public async Task A_cluster_restarted_at_once_after_a_full_kill_serves_again_with_every_silo_back()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var keys = Enumerable.Range(0, 30).Select(i => $"restart-{i}").ToList();
        foreach (var key in keys) await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Increment();
        for (var i = 0; i < 3; i++) cluster.Kill(i);

        var restarting = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++) await cluster.RestartAsync(i);
        foreach (var key in keys)
            (await Eventually.SucceedsAsync(cluster.GrainFactory(1).GetGrain<ICounterGrain>(key).Increment, Generous)).Should().Be(2);
        var serving = restarting.Elapsed;
        await cluster.WaitForStableAsync(Generous);
        output.WriteLine($"FIGURE full-cluster restart right after a kill: all {keys.Count} grains serving in {serving.TotalSeconds:F2} s, stable in {restarting.Elapsed.TotalSeconds:F2} s");
        serving.Should().BeLessThan(Generous);
        cluster[0].Membership.Current.Silos.Count(s => s.Status == SiloStatus.Dead).Should().Be(3, "each restarted silo retired its previous life");
    }

    internal static async Task<string> KeyHostedOnAsync(TestCluster cluster, TestSilo silo)
    {
        for (var i = 0; ; i++)
        {
            var key = $"on-{silo.Index}-{i}";
            if (await cluster.Running.First().Grains.GetGrain<ICounterGrain>(key).Silo() == silo.Address.ToString()) return key;
        }
    }
}
