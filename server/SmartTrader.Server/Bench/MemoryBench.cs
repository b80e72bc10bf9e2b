using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Storage;
using SmartTrader.Runtime.Storage.Hosting;
using SmartTrader.Trading;
using SmartTrader.Trading.Hosting;

namespace SmartTrader.Server.Bench;

public sealed record MemoryBenchResult(
    int Activations,
    long ManagedBytesBaseline,
    long ManagedBytesActive,
    long ManagedBytesAfterCollection,
    double ManagedBytesPerActivation,
    long WorkingSetActive,
    long WorkingSetAfterCollection,
    int ActivationsAfterCollection,
    double OpenSeconds);

/// <summary>
/// Opens N portfolio accounts on SQLite (each a real activation with its state read and written), lets them sit
/// idle, measures the managed heap after a full collection, then runs idle collection and measures again.
/// </summary>
public static class MemoryBench
{
    public static async Task<MemoryBenchResult> RunAsync(int activations, string workDirectory, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSqliteGrainStorage(Path.Combine(workDirectory, "memory-bench.db"));
        services.AddTrading(o => o.FeedEnabled = false);
        await using var provider = services.BuildServiceProvider();
        foreach (var store in provider.GetServices<IStorageInitializer>()) await store.InitializeAsync(cancellationToken);
        var runtime = provider.GetRequiredService<GrainRuntime>();
        await runtime.StartAsync(cancellationToken);
        try
        {
            var baseline = ManagedBytes();
            var opening = Stopwatch.StartNew();
            var opened = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, activations), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
                async (i, _) =>
                {
                    await runtime.GrainFactory.GetGrain<IPortfolioGrain>($"mem-{i:D6}")
                        .Open(new OpenAccountRequest($"Account {i}", AccountType.Cash, 10_000m, "bench"));
                    if (Interlocked.Increment(ref opened) % 20_000 == 0) BenchOutput.Progress($"  {opened}/{activations} portfolios active");
                });
            opening.Stop();

            var active = ManagedBytes();
            var workingSetActive = WorkingSet();
            BenchOutput.Progress($"{runtime.Diagnostics.ActivationCount} activations; collecting idle ones");
            await runtime.CollectIdleAsync(TimeSpan.Zero);
            var collected = ManagedBytes();

            return new MemoryBenchResult(
                activations, baseline, active, collected, (double)(active - baseline) / activations,
                workingSetActive, WorkingSet(), runtime.Diagnostics.ActivationCount, opening.Elapsed.TotalSeconds);
        }
        finally
        {
            await runtime.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Live managed bytes after an aggressive full collection, which also returns free memory to the OS.</summary>
    private static long ManagedBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
