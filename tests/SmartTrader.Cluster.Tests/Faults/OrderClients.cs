using System.Collections.Concurrent;
using System.Diagnostics;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Faults;

/// <summary>
/// Clients placing orders on accounts through every silo's grain factory, as a real client would: each order has a
/// client order id, and a failed attempt is retried with the same id (through the next silo) until it is acknowledged.
/// An order is never abandoned, so once the clients stop, every order they placed has been acknowledged.
/// </summary>
public sealed class OrderClients(TestCluster cluster, IReadOnlyList<string> accounts)
{
    private static readonly TimeSpan OrderPatience = TimeSpan.FromSeconds(90);
    private readonly ConcurrentDictionary<string, (string Account, decimal Amount)> _acknowledged = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _retries;

    public int AcknowledgedCount => _acknowledged.Count;
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Failures that are not one of the transient kinds a client retries on (should be none).</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public IReadOnlyDictionary<string, (string Account, decimal Amount)> Acknowledged => _acknowledged;

    /// <summary>Runs <paramref name="clients"/> clients until <paramref name="stop"/>; each finishes the order it is placing.</summary>
    public Task RunAsync(int clients, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c, stop), CancellationToken.None)));

    public async Task WaitForMoreAsync(int orders, TimeSpan within)
    {
        var target = AcknowledgedCount + orders;
        await Eventually.WaitUntilAsync(() => AcknowledgedCount >= target, within, $"{orders} more orders acknowledged");
    }

    private async Task ClientAsync(int client, CancellationToken stop)
    {
        var silo = client % cluster.Silos.Count;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var id = $"c{client}-{n}";
            var account = accounts[(client * 7 + n) % accounts.Count];
            var amount = ((client * 31 + n * 17) % 10_000 + 1) / 100m;
            var started = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await cluster.GrainFactory(silo).GetGrain<IAccountGrain>(account).Submit(id, amount);
                    _acknowledged[id] = (account, amount);
                    break;
                }
                catch (Exception e)
                {
                    if (!IsTransient(e)) _unexpected.Enqueue($"{id} via silo {silo}: {e.GetType().Name}: {e.Message}");
                    if (started.Elapsed > OrderPatience)
                    {
                        _unexpected.Enqueue($"{id} was not acknowledged within {OrderPatience}; last failure {e.GetType().Name}: {e.Message}");
                        return;
                    }
                    Interlocked.Increment(ref _retries);
                    silo = (silo + 1) % cluster.Silos.Count;
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        }
    }

    /// <summary>What a client retries on: the silo or its connection went away, the call took too long, or two activations raced.</summary>
    public static bool IsTransient(Exception e) =>
        e is SiloUnavailableException or TimeoutException or SiloNotServingException or NotThisSiloException or InconsistentStateException
        || e is RemoteGrainException remote && remote.RemoteType.EndsWith(nameof(InconsistentStateException), StringComparison.Ordinal);
}
