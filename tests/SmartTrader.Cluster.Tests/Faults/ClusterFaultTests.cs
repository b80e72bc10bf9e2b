using System.Diagnostics;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime.Cluster;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests.Faults;

/// <summary>Three silos over TCP on PostgreSQL, clients placing orders through all of them, and silos dying under the load.</summary>
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private const int Clients = 6;

    [Fact]
    public async Task A_silo_killed_while_clients_place_orders_through_every_silo_loses_no_acknowledged_order_and_applies_none_twice()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var accounts = AccountsOnEverySilo(cluster, "kill-one");
        var victim = cluster[2];
        var onVictim = accounts.Where(a => Keys.PlacedOn(cluster[0], victim, typeof(IAccountGrain), "kill-one").Take(3).Contains(a)).ToList();
        var clients = new OrderClients(cluster, accounts);
        using var stop = new CancellationTokenSource();
        var running = clients.RunAsync(Clients, stop.Token);
        await clients.WaitForMoreAsync(100, Generous);

        var sinceKill = Stopwatch.StartNew();
        cluster.Kill(2);
        foreach (var account in onVictim) await ServedElsewhereAsync(cluster, account, victim, Generous);
        var servingAgain = sinceKill.Elapsed;
        await clients.WaitForMoreAsync(100, Generous);
        await stop.CancelAsync();
        await running.WaitAsync(Generous);

        output.WriteLine($"FIGURE kill under load -> the killed silo's {onVictim.Count} accounts serving on survivors: {servingAgain.TotalSeconds:F1} s; " +
                         $"{clients.AcknowledgedCount} orders acknowledged, {clients.Retries} retries");
        var servedBy = await Ledger.VerifyAsync(cluster, 0, clients, accounts, Generous);
        onVictim.Should().OnlyContain(a => servedBy[a] != victim.Address.ToString());
        clients.Retries.Should().BePositive("the kill was felt by the clients");
        servingAgain.Should().BeLessThan(Generous);
    }

    [Fact]
    public async Task All_three_silos_killed_under_load_and_restarted_serve_again_with_every_committed_order()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var accounts = AccountsOnEverySilo(cluster, "kill-all");
        var clients = new OrderClients(cluster, accounts);
        using var stop = new CancellationTokenSource();
        var running = clients.RunAsync(Clients, stop.Token);
        await clients.WaitForMoreAsync(100, Generous);

        for (var i = 0; i < 3; i++) cluster.Kill(i);
        var acknowledgedBeforeRestart = clients.AcknowledgedCount;
        var restarting = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++) await cluster.RestartAsync(i);
        var restarted = restarting.Elapsed;
        foreach (var account in accounts)
            await Eventually.SucceedsAsync(() => cluster.GrainFactory(0).GetGrain<IAccountGrain>(account).Read(), Generous);
        var serving = restarting.Elapsed;
        await clients.WaitForMoreAsync(100, Generous);
        await stop.CancelAsync();
        await running.WaitAsync(Generous);

        output.WriteLine($"FIGURE all three killed under load and restarted: hosts up in {restarted.TotalSeconds:F2} s, all {accounts.Count} accounts serving in " +
                         $"{serving.TotalSeconds:F2} s; {acknowledgedBeforeRestart} orders acknowledged before, {clients.AcknowledgedCount} in all, {clients.Retries} retries");
        await Ledger.VerifyAsync(cluster, 1, clients, accounts, Generous);
        serving.Should().BeLessThan(Generous);
        await cluster.WaitForStableAsync(Generous);
    }

    /// <summary>Three accounts placed on each silo, so that a killed silo always held some.</summary>
    private static List<string> AccountsOnEverySilo(TestCluster cluster, string prefix) =>
        cluster.Silos.SelectMany(owner => Keys.PlacedOn(cluster[0], owner, typeof(IAccountGrain), prefix).Take(3)).ToList();

    private static async Task ServedElsewhereAsync(TestCluster cluster, string account, TestSilo victim, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await cluster.GrainFactory(0).GetGrain<IAccountGrain>(account).Read()).Silo != victim.Address.ToString()) return;
            }
            catch (Exception e) when (OrderClients.IsTransient(e) && clock.Elapsed < within)
            {
            }
            if (clock.Elapsed > within) throw new TimeoutException($"{account} did not serve on a survivor within {within}.");
            await Task.Delay(20);
        }
    }
}
