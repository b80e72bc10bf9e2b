using System.Diagnostics;

namespace SmartTrader.Runtime.Cluster.Bench;

/// <param name="KillToServingSeconds">One of three silos killed → every grain it hosted answers again from a survivor.</param>
/// <param name="ColdRestartSeconds">All three killed, then restarted at once on their endpoints → every grain answers again.</param>
public sealed record ClusterFailoverResult(int Grains, int GrainsOnKilledSilo, double KillToServingSeconds, double ColdRestartSeconds);

/// <summary>
/// Failover and cold restart of three silos in this process over the TCP transport, on the PostgreSQL database given
/// (grain state, reminders and the cluster tables; the storage's migrator creates them). Each grain commits a write per
/// call, so "serving again" includes reading its committed state on the new silo.
/// </summary>
public static class ClusterFailoverBench
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<ClusterFailoverResult> RunAsync(string connectionString, int grains = 60, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grains, 1);
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, grains).Select(i => $"{run}-{i}").ToList();
        var ports = Enumerable.Range(0, 3).Select(_ => ClusterBenchSilo.FreePort()).ToList();
        var silos = new List<ClusterBenchSilo>();
        try
        {
            foreach (var port in ports) silos.Add(await ClusterBenchSilo.StartAsync(connectionString, port, cancellationToken).ConfigureAwait(false));
            await WaitUntilAsync(() => silos.All(s => s.ActiveSilos == 3), cancellationToken).ConfigureAwait(false);
            await TouchAllAsync(silos[0], keys, cancellationToken).ConfigureAwait(false);

            var victim = silos[2];
            var onVictim = keys.Where(k => silos[0].OwnerOf<IFailoverBenchGrain>(k) == victim.Address).ToList();
            var clock = Stopwatch.StartNew();
            victim.Kill();
            await TouchAllAsync(silos[0], onVictim.Count > 0 ? onVictim : keys, cancellationToken).ConfigureAwait(false);
            var failover = clock.Elapsed;

            foreach (var silo in silos.Take(2)) silo.Kill();
            clock.Restart();
            var restarted = new List<ClusterBenchSilo>();
            foreach (var port in ports) restarted.Add(await ClusterBenchSilo.StartAsync(connectionString, port, cancellationToken).ConfigureAwait(false));
            silos.AddRange(restarted);
            await TouchAllAsync(restarted[1], keys, cancellationToken).ConfigureAwait(false);
            var coldRestart = clock.Elapsed;
            return new ClusterFailoverResult(grains, onVictim.Count, failover.TotalSeconds, coldRestart.TotalSeconds);
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience) throw new TimeoutException($"The bench cluster did not form within {Patience}.");
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Calls every grain until each call succeeds, as a client retrying transient failures would.</summary>
    private static async Task TouchAllAsync(ClusterBenchSilo via, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(keys.Select(async key =>
        {
            while (true)
            {
                try
                {
                    await via.Grains.GetGrain<IFailoverBenchGrain>(key).Touch().ConfigureAwait(false);
                    return;
                }
                catch (Exception) when (clock.Elapsed < Patience && !cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                }
            }
        })).ConfigureAwait(false);
    }
}
