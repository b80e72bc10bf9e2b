using System.CommandLine;
using SmartTrader.Runtime.Cluster.Bench;
using SmartTrader.Server.Bench;

namespace SmartTrader.Server.Cli;

/// <summary>`bench cluster calls|failover|orders`: the cluster's figures. deploy/bench/cluster.sh runs all three on a throw-away PostgreSQL.</summary>
internal static class ClusterBenchCommand
{
    public static Command Create(Func<Option<bool>> json)
    {
        var command = new Command("cluster", "The cluster's figures: cross-silo calls, failover and cold restart, order placement through every silo.");
        command.Subcommands.Add(Calls(json()));
        command.Subcommands.Add(Failover(json()));
        command.Subcommands.Add(Orders(json()));
        return command;
    }

    private static Option<string> ConnectionOption() =>
        new("--connection") { Description = "PostgreSQL server to use; the bench creates its own database on it and drops it afterwards.", Required = true };

    private static Command Calls(Option<bool> json)
    {
        var calls = new Option<int>("--calls") { Description = "Calls to time (also the number for the throughput pass).", DefaultValueFactory = _ => 100_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Calls in flight during the throughput pass.", DefaultValueFactory = _ => 64 };
        var command = new Command("calls", "Cross-silo grain call over the cluster transport on loopback: latency one at a time, then throughput.")
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

    private static Command Failover(Option<bool> json)
    {
        var connection = ConnectionOption();
        var grains = new Option<int>("--grains") { Description = "Grains spread over the three silos, each committing a write per call.", DefaultValueFactory = _ => 60 };
        var command = new Command("failover", "Three in-process silos over TCP: kill one, time until its grains answer from a survivor; kill all, time a cold restart.")
        {
            connection, grains, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await BenchDatabase.CreateAsync(parse.GetValue(connection)!, "failover", ct);
            BenchOutput.Progress("starting three silos on 127.0.0.1");
            var r = await ClusterFailoverBench.RunAsync(database.ConnectionString, parse.GetValue(grains), ct);
            BenchOutput.Write(parse.GetValue(json), "failover and cold restart (three in-process silos, TCP loopback, PostgreSQL)",
            [
                ("grains", r.Grains), ("grainsOnKilledSilo", r.GrainsOnKilledSilo),
                ("killToServingSeconds", r.KillToServingSeconds), ("coldRestartSeconds", r.ColdRestartSeconds),
            ]);
            return 0;
        });
        return command;
    }

    private static Command Orders(Option<bool> json)
    {
        var connection = ConnectionOption();
        var silos = new Option<int>("--silos") { Description = "Clustered silos in the second pass.", DefaultValueFactory = _ => 3 };
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients, spread over the silos.", DefaultValueFactory = _ => 16 };
        var accounts = new Option<int>("--accounts") { Description = "Accounts the orders are spread over.", DefaultValueFactory = _ => 1000 };
        var owners = new Option<int>("--owners") { Description = "Owners of those accounts (users; each owner's accounts share its tax-lot view).", DefaultValueFactory = _ => 100 };
        var duration = new Option<int>("--duration") { Description = "Seconds measured in each pass.", DefaultValueFactory = _ => 60 };
        // Three server processes compile the same code on shared cores: after 10 s the silos still spent 41% of their
        // CPU in the JIT's tiering thread during the measured window, after 60 s none (docs/BENCHMARKS.md).
        var warmup = new Option<int>("--warmup") { Description = "Seconds of warm-up in each pass, not measured.", DefaultValueFactory = _ => 60 };
        var rounds = new Option<int>("--rounds")
        {
            Description = "Pairs of passes; each round after the first swaps which pass goes first. The round with the median ratio is reported.",
            DefaultValueFactory = _ => 1,
        };
        silos.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 2) result.AddError("--silos must be at least 2: the cluster pass is compared with one silo.");
        });
        rounds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--rounds must be at least 1.");
        });
        var command = new Command("orders", "Order placement over HTTP on one PostgreSQL server: one silo alone, then N clustered silos (server child processes).")
        {
            connection, silos, clients, accounts, owners, duration, warmup, rounds, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new ClusterOrderBenchSettings(
                parse.GetValue(connection)!, parse.GetValue(silos), parse.GetValue(clients), parse.GetValue(accounts), parse.GetValue(owners),
                TimeSpan.FromSeconds(parse.GetValue(duration)), TimeSpan.FromSeconds(parse.GetValue(warmup)), parse.GetValue(rounds));
            var all = await ClusterOrderBench.RunAsync(settings, ct);
            var r = all.Median;
            BenchOutput.Write(parse.GetValue(json), $"order placement over HTTP, one silo vs {all.Silos} clustered silos (PostgreSQL, {settings.Clients} clients, {settings.Accounts} accounts of {settings.Owners} owners)",
            [
                ("singleOrdersPerSecond", r.Single.OrdersPerSecond), ("singleP50Micros", r.Single.Latency.P50Micros),
                ("singleP99Micros", r.Single.Latency.P99Micros), ("singleErrors", r.Single.Errors),
                ("singleCpuMillisPerOrder", r.Single.CpuMillisPerOrder.GetValueOrDefault()),
                ("singleAllocatedBytesPerOrder", r.Single.AllocatedBytesPerOrder.GetValueOrDefault()),
                ("singleHostStealPercent", r.Single.Host?.StealPercent ?? 0),
                ("singleRowsPerCommit", r.Single.RowsPerCommit.GetValueOrDefault()),
                ("singleWriterBusyPercent", r.Single.WriterBusyPercent.GetValueOrDefault()),
                ("clusterOrdersPerSecond", r.Cluster.OrdersPerSecond), ("clusterP50Micros", r.Cluster.Latency.P50Micros),
                ("clusterP99Micros", r.Cluster.Latency.P99Micros), ("clusterErrors", r.Cluster.Errors),
                ("clusterCpuMillisPerOrder", r.Cluster.CpuMillisPerOrder.GetValueOrDefault()),
                ("clusterAllocatedBytesPerOrder", r.Cluster.AllocatedBytesPerOrder.GetValueOrDefault()),
                ("clusterHostStealPercent", r.Cluster.Host?.StealPercent ?? 0),
                ("clusterRowsPerCommit", r.Cluster.RowsPerCommit.GetValueOrDefault()),
                ("clusterWriterBusyPercentPerSilo", r.Cluster.WriterBusyPercent.GetValueOrDefault() / all.Silos),
                ("clusterRemoteCallsPerOrder", r.Cluster.RemoteCallsPerOrder.GetValueOrDefault()),
                ("clusterRemoteCallsPerOrderByMethod", r.Cluster.Usage?.PerOrderByMethod(r.Cluster.Orders) ?? ""),
                ("clusterErrorsByStatus", r.Cluster.ErrorsByStatusLine),
                ("clusterFirstErrorByStatus", r.Cluster.FirstErrorByStatusLine),
                ("clusterToSingleRatio", r.ThroughputRatio),
                ("rounds", all.Rounds.Count),
                ("roundRatios", string.Join(' ', all.Rounds.Select(round => round.ThroughputRatio.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))),
                ("roundStealPercent", string.Join(' ', all.Rounds.Select(round => $"{round.Single.Host?.StealPercent ?? 0:F0}/{round.Cluster.Host?.StealPercent ?? 0:F0}"))),
                ("singleWorkingSetBytes", r.SingleWorkingSet), ("clusterWorkingSetBytes", r.ClusterWorkingSet),
            ]);
            return all.Errors == 0 ? 0 : 1;
        });
        return command;
    }
}
