using System.CommandLine;
using SmartTrader.Runtime.Cluster.Bench;
using SmartTrader.Server.Bench;

namespace SmartTrader.Server.Cli;

/// <summary>`bench cluster`: a grain call from one silo to a grain on another, both in this process, over loopback TCP.</summary>
internal static class ClusterBenchCommand
{
    public static Command Create(Option<bool> json)
    {
        var calls = new Option<int>("--calls") { Description = "Calls to time (also the number for the throughput pass).", DefaultValueFactory = _ => 100_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Calls in flight during the throughput pass.", DefaultValueFactory = _ => 64 };
        var command = new Command("cluster", "Cross-silo grain call over the cluster transport on loopback: latency one at a time, then throughput.")
        {
            calls, concurrency, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            BenchOutput.Progress("starting two silos on 127.0.0.1");
            var r = await CrossSiloCallBench.RunAsync(parse.GetValue(calls), parse.GetValue(concurrency), ct);
            BenchOutput.Write(parse.GetValue(json), "cross-silo grain call (two in-process silos, TCP loopback)",
            [
                ("calls", r.Calls),
                ("p50Micros", r.P50Micros), ("p90Micros", r.P90Micros), ("p99Micros", r.P99Micros), ("maxMicros", r.MaxMicros),
                ("sequentialCallsPerSecond", r.SequentialCallsPerSecond), ("allocatedBytesPerCall", r.AllocatedBytesPerCall),
                ("concurrency", r.Concurrency), ("concurrentCallsPerSecond", r.ConcurrentCallsPerSecond),
            ]);
            return 0;
        });
        return command;
    }
}
