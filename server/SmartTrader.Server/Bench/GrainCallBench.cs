using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Runtime;

namespace SmartTrader.Server.Bench;

public sealed record GrainCallResult(long Calls, double Seconds, double CallsPerSecond, LatencySummary Latency, double AllocatedBytesPerCall);

/// <summary>
/// Sequential awaited calls through a proxy to one local, idle grain with no persistence, on a single thread.
/// Latency is taken per call; throughput from a separate untimed-per-call pass so the clock reads do not count.
/// </summary>
public static class GrainCallBench
{
    public static async Task<GrainCallResult> RunAsync(long calls, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGrainRuntime().AddGrainsFrom(typeof(BenchAdderGrain).Assembly).UseInMemoryStorage().UseInMemoryReminders();
        await using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<GrainRuntime>();
        await runtime.StartAsync(cancellationToken);
        try
        {
            var grain = runtime.GrainFactory.GetGrain<IBenchAdderGrain>("bench");
            await Loop(grain, Math.Min(calls, 200_000));

            var recorder = new LatencyRecorder();
            for (var i = 0; i < calls; i++)
            {
                var begin = Stopwatch.GetTimestamp();
                await grain.Add(1);
                recorder.Record(Stopwatch.GetTimestamp() - begin);
            }

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var timer = Stopwatch.StartNew();
            await Loop(grain, calls);
            timer.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

            var seconds = timer.Elapsed.TotalSeconds;
            return new GrainCallResult(calls, seconds, calls / seconds, LatencyRecorder.Summarize([recorder]), (double)allocated / calls);
        }
        finally
        {
            await runtime.StopAsync(CancellationToken.None);
        }
    }

    private static async Task Loop(IBenchAdderGrain grain, long calls)
    {
        for (var i = 0; i < calls; i++) await grain.Add(1);
    }
}
