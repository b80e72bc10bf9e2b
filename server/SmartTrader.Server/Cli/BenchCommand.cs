using System.CommandLine;
using System.Diagnostics;
using SmartTrader.Server.Bench;

namespace SmartTrader.Server.Cli;

/// <summary>`bench grains|orders|memory|host|rules|cluster|compliance`: the figures docs/BENCHMARKS.md records, printed as text or --json.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure the figures recorded in docs/BENCHMARKS.md.");
        command.Subcommands.Add(Grains());
        command.Subcommands.Add(Orders());
        command.Subcommands.Add(Memory());
        command.Subcommands.Add(Host());
        command.Subcommands.Add(RulesBenchCommand.Create(JsonOption()));
        command.Subcommands.Add(ClusterBenchCommand.Create(JsonOption));
        command.Subcommands.Add(ComplianceBenchCommand.Create(JsonOption()));
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the figures as one JSON document." };

    private static Command Grains()
    {
        var calls = new Option<long>("--calls") { Description = "Calls to time.", DefaultValueFactory = _ => 2_000_000 };
        var json = JsonOption();
        var command = new Command("grains", "Local grain call through a proxy, no persistence, on one core.") { calls, json };
        command.SetAction(async (parse, ct) =>
        {
            PinToOneCore();
            var r = await GrainCallBench.RunAsync(parse.GetValue(calls), ct);
            BenchOutput.Write(parse.GetValue(json), "grain call (local, proxy, no persistence, one core)",
            [
                ("calls", r.Calls), ("callsPerSecond", r.CallsPerSecond),
                ("p50Micros", r.Latency.P50Micros), ("p90Micros", r.Latency.P90Micros), ("p99Micros", r.Latency.P99Micros),
                ("maxMicros", r.Latency.MaxMicros), ("allocatedBytesPerCall", r.AllocatedBytesPerCall),
            ]);
            return 0;
        });
        return command;
    }

    private static Command Orders()
    {
        var storage = new Option<string>("--storage") { Description = "sqlite (embedded default) or postgres.", DefaultValueFactory = _ => "sqlite" };
        storage.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string>("--connection") { Description = "PostgreSQL connection string (with --storage postgres)." };
        var url = new Option<string>("--url") { Description = "Measure an already running server instead of starting one (needs --admin-user/--admin-password)." };
        var adminUser = new Option<string>("--admin-user") { Description = "Administrator used to create the accounts.", DefaultValueFactory = _ => "bench-admin" };
        var adminPassword = new Option<string>("--admin-password") { Description = "Its password.", DefaultValueFactory = _ => "bench-admin-password" };
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients.", DefaultValueFactory = _ => 16 };
        var accounts = new Option<int>("--accounts") { Description = "Accounts the orders are spread over.", DefaultValueFactory = _ => 1000 };
        var owners = new Option<int>("--owners") { Description = "Owners of those accounts (users; each owner's accounts share its tax-lot view).", DefaultValueFactory = _ => 100 };
        var duration = new Option<int>("--duration") { Description = "Seconds measured.", DefaultValueFactory = _ => 60 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of warm-up, not measured.", DefaultValueFactory = _ => 10 };
        var json = JsonOption();
        var command = new Command("orders", "Order placement over HTTP, every acknowledgement durable: starts the server as a child process unless --url is given.")
        {
            storage, connection, url, adminUser, adminPassword, clients, accounts, owners, duration, warmup, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(storage) == "postgres" && result.GetValue(connection) is null && result.GetValue(url) is null)
                result.AddError("--storage postgres needs --connection.");
        });
        command.SetAction(async (parse, ct) =>
        {
            var work = Directory.CreateTempSubdirectory("smarttrader-bench-");
            try
            {
                await using var server = parse.GetValue(url) is null ? await StartServer(parse, storage, connection, adminUser, adminPassword, work.FullName, ct) : null;
                var address = server?.BaseAddress ?? new Uri(parse.GetValue(url)!);
                using var usage = new ServerUsageReader([address], parse.GetValue(adminUser)!, parse.GetValue(adminPassword)!);
                var settings = new OrderBenchSettings(
                    [address], parse.GetValue(adminUser)!, parse.GetValue(adminPassword)!,
                    parse.GetValue(clients), parse.GetValue(accounts), TimeSpan.FromSeconds(parse.GetValue(duration)),
                    TimeSpan.FromSeconds(parse.GetValue(warmup)), SymbolCount: 5, parse.GetValue(owners), usage.ReadAsync);
                var r = await OrderPlacementBench.RunAsync(settings, ct);
                BenchOutput.Write(parse.GetValue(json), $"order placement over HTTP ({parse.GetValue(storage)}, {settings.Clients} clients, {settings.Accounts} accounts of {settings.Owners} owners)",
                [
                    ("orders", r.Orders), ("errors", r.Errors), ("seconds", r.Seconds), ("ordersPerSecond", r.OrdersPerSecond),
                    ("p50Micros", r.Latency.P50Micros), ("p90Micros", r.Latency.P90Micros), ("p99Micros", r.Latency.P99Micros), ("maxMicros", r.Latency.MaxMicros),
                    ("errorsByStatus", r.ErrorsByStatusLine),
                    ("firstErrorByStatus", r.FirstErrorByStatusLine),
                    ("serverWorkingSetBytes", server?.WorkingSet ?? 0),
                    ("serverCpuMicrosPerOrder", r.CpuMillisPerOrder.GetValueOrDefault() * 1000),
                    ("serverAllocatedBytesPerOrder", r.AllocatedBytesPerOrder.GetValueOrDefault()),
                    ("serverCollectionsPerThousandOrders", r.Usage?.Collections.PerThousand(r.Orders) ?? ""),
                    ("serverGcPausePercent", r.GcPausePercent.GetValueOrDefault()),
                    ("serverCommitsPerSecond", r.CommitsPerSecond.GetValueOrDefault()),
                    ("serverRowsPerCommit", r.RowsPerCommit.GetValueOrDefault()),
                    ("serverWriterBusyPercent", r.WriterBusyPercent.GetValueOrDefault()),
                    ("loadGeneratorCpuMicrosPerOrder", r.LoadGeneratorCpuMicrosPerOrder),
                    .. HostFigures(r.Host),
                ]);
                return r.Errors == 0 ? 0 : 1;
            }
            finally
            {
                work.Delete(recursive: true);
            }
        });
        return command;
    }

    private static Task<ServerProcess> StartServer(
        ParseResult parse, Option<string> storage, Option<string> connection, Option<string> adminUser, Option<string> adminPassword,
        string workDirectory, CancellationToken ct)
    {
        var arguments = new List<string> { "--data-dir", workDirectory, "--storage", parse.GetValue(storage)! };
        if (parse.GetValue(connection) is { } c) arguments.AddRange(["--connection", c]);
        var environment = new Dictionary<string, string>
        {
            ["SmartTrader__Auth__BootstrapAdmin__UserName"] = parse.GetValue(adminUser)!,
            ["SmartTrader__Auth__BootstrapAdmin__Password"] = parse.GetValue(adminPassword)!,
            ["Trading__Seed"] = "42",
        };
        BenchOutput.Progress($"starting the server ({parse.GetValue(storage)})");
        return ServerProcess.StartAsync(arguments, environment, workDirectory, ct);
    }

    private static Command Memory()
    {
        var activations = new Option<int>("--activations") { Description = "Portfolio activations to create.", DefaultValueFactory = _ => 100_000 };
        var json = JsonOption();
        var command = new Command("memory", "Memory of idle portfolio activations, before and after idle collection (SQLite storage).") { activations, json };
        command.SetAction(async (parse, ct) =>
        {
            var work = Directory.CreateTempSubdirectory("smarttrader-bench-");
            try
            {
                var r = await MemoryBench.RunAsync(parse.GetValue(activations), work.FullName, ct);
                BenchOutput.Write(parse.GetValue(json), $"idle portfolio activations ({r.Activations})",
                [
                    ("activations", r.Activations), ("openSeconds", r.OpenSeconds),
                    ("managedBytesBaseline", r.ManagedBytesBaseline), ("managedBytesActive", r.ManagedBytesActive),
                    ("managedBytesPerActivation", r.ManagedBytesPerActivation),
                    ("managedBytesAfterCollection", r.ManagedBytesAfterCollection), ("activationsAfterCollection", r.ActivationsAfterCollection),
                    ("workingSetBytesActive", r.WorkingSetActive), ("workingSetBytesAfterCollection", r.WorkingSetAfterCollection),
                ]);
                return 0;
            }
            finally
            {
                work.Delete(recursive: true);
            }
        });
        return command;
    }

    private static Command Host()
    {
        var duration = new Option<int>("--duration") { Description = "Seconds measured, after 4 s of warm-up.", DefaultValueFactory = _ => 20 };
        var window = new Option<int>("--window") { Description = "Milliseconds per window.", DefaultValueFactory = _ => 500 };
        var json = JsonOption();
        var command = new Command("host", "How steady this machine's speed is: a fixed piece of CPU-bound work on one thread, timed window by window.")
        {
            duration, window, json,
        };
        window.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 10) result.AddError("--window must be at least 10 ms.");
        });
        duration.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--duration must be at least 1 s.");
        });
        command.SetAction((parse, _) =>
        {
            if (parse.GetValue(window) > parse.GetValue(duration) * 1000)
            {
                Console.Error.WriteLine("--duration must hold at least one --window.");
                return Task.FromResult(2);
            }
            BenchOutput.Progress($"warming up for {HostSpeed.Warmup.TotalSeconds:N0} s, then {parse.GetValue(duration)} s in {parse.GetValue(window)} ms windows");
            var r = HostSpeed.Run(HostSpeed.Warmup, TimeSpan.FromSeconds(parse.GetValue(duration)), TimeSpan.FromMilliseconds(parse.GetValue(window)));
            BenchOutput.Write(parse.GetValue(json), "host speed (JSON round trips of an order-sized document, one thread)",
            [
                ("windows", r.WindowRates.Count), ("slowestPerSecond", r.Slowest), ("medianPerSecond", r.Median), ("fastestPerSecond", r.Fastest),
                ("slowestToFastest", r.Slowest / r.Fastest),
                ("windowThousandsPerSecond", string.Join(' ', r.WindowRates.Select(rate => (rate / 1000).ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))),
                .. HostFigures(r.Host),
            ]);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>The machine's busy and steal shares, where it could be read.</summary>
    private static (string, object)[] HostFigures(HostCpu? host) =>
        host is null ? [] : [("hostBusyPercent", host.BusyPercent), ("hostStealPercent", host.StealPercent)];

    private static void PinToOneCore()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            Process.GetCurrentProcess().ProcessorAffinity = 1;
    }
}
