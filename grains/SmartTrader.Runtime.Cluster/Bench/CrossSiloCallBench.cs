using System.Diagnostics;

namespace SmartTrader.Runtime.Cluster.Bench;

public sealed record CrossSiloCallResult(
    int Calls, double P50Micros, double P90Micros, double P99Micros, double MaxMicros,
    double SequentialCallsPerSecond, double AllocatedBytesPerCall,
    int Concurrency, double ConcurrentCallsPerSecond);

/// <summary>
/// A grain call from silo A to a grain on silo B, both in this process, over the transport on loopback. Latency is
/// per call, one call at a time, after a warm-up; throughput comes from a separate pass with many calls in flight.
/// Allocation counts both silos (the whole process).
/// </summary>
public static class CrossSiloCallBench
{
    public static async Task<CrossSiloCallResult> RunAsync(int calls, int concurrency, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var generation = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        SiloAddress? owner = null;
        await using var b = await BenchSilo.StartAsync("bench-b", generation, () => null, cancellationToken).ConfigureAwait(false);
        owner = b.Address;
        await using var a = await BenchSilo.StartAsync("bench-a", generation, () => owner, cancellationToken).ConfigureAwait(false);

        var grain = a.Grains.GetGrain<ICrossSiloBenchGrain>("echo");
        await Sequential(grain, Math.Min(calls, 20_000), samples: null).ConfigureAwait(false);

        var samples = new long[calls];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var timer = Stopwatch.StartNew();
        await Sequential(grain, calls, samples).ConfigureAwait(false);
        timer.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var concurrentTimer = Stopwatch.StartNew();
        await Concurrent(a.Grains, calls, concurrency).ConfigureAwait(false);
        concurrentTimer.Stop();

        Array.Sort(samples);
        return new CrossSiloCallResult(
            calls, Percentile(samples, 0.50), Percentile(samples, 0.90), Percentile(samples, 0.99), Micros(samples[^1]),
            calls / timer.Elapsed.TotalSeconds, (double)allocated / calls,
            concurrency, calls / concurrentTimer.Elapsed.TotalSeconds);
    }

    private static async Task Sequential(ICrossSiloBenchGrain grain, int calls, long[]? samples)
    {
        for (var i = 0; i < calls; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            var echoed = await grain.Echo(i).ConfigureAwait(false);
            if (samples is not null) samples[i] = Stopwatch.GetTimestamp() - begin;
            if (echoed != i) throw new InvalidOperationException($"Call {i} came back as {echoed}.");
        }
    }

    private static Task Concurrent(IGrainFactory grains, int calls, int concurrency)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var grain = grains.GetGrain<ICrossSiloBenchGrain>($"echo-{worker}");
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
                if (await grain.Echo(i).ConfigureAwait(false) != i) throw new InvalidOperationException($"Call {i} came back wrong.");
        }));
    }

    private static double Percentile(long[] sorted, double p) =>
        Micros(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)]);

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
