using System.Diagnostics;
using SmartTrader.Runtime.Cluster.Bench;

namespace SmartTrader.Server.Bench;

/// <param name="Connection">The PostgreSQL server every pass uses; each pass gets a new database on it, dropped afterwards.</param>
/// <param name="Rounds">Pairs of passes (one silo, then the cluster; every other round the cluster first).</param>
public sealed record ClusterOrderBenchSettings(
    string Connection, int Silos, int Clients, int Accounts, int Owners, TimeSpan Duration, TimeSpan Warmup, int Rounds = 1);

/// <summary>One silo and the cluster measured back to back.</summary>
public sealed record ClusterOrderRound(OrderBenchResult Single, OrderBenchResult Cluster, long SingleWorkingSet, long ClusterWorkingSet)
{
    /// <summary>The cluster's orders/s as a share of the single silo's.</summary>
    public double ThroughputRatio => Cluster.OrdersPerSecond / Single.OrdersPerSecond;
}

public sealed record ClusterOrderBenchResult(int Silos, IReadOnlyList<ClusterOrderRound> Rounds)
{
    /// <summary>The round with the median ratio (the lower of the middle two for an even count); its figures are the bench's.</summary>
    public ClusterOrderRound Median => Rounds.OrderBy(r => r.ThroughputRatio).ElementAt((Rounds.Count - 1) / 2);

    public long Errors => Rounds.Sum(r => r.Single.Errors + r.Cluster.Errors);
}

/// <summary>
/// Order placement over HTTP on the same PostgreSQL server: one silo on its own (serve --storage postgres), and N
/// clustered silos (serve --cluster) with the clients spread over all of them, so most orders reach a silo that does
/// not own the account and are forwarded to the one that does. On a shared host the machine's speed drifts between
/// passes, so several rounds alternate which pass goes first and the median round's ratio is the one to report.
/// </summary>
public static class ClusterOrderBench
{
    private const string AdminUser = "bench-admin";
    private const string AdminPassword = "bench-admin-password";

    public static async Task<ClusterOrderBenchResult> RunAsync(ClusterOrderBenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Silos, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Rounds, 1);
        var rounds = new List<ClusterOrderRound>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            var clusterFirst = round % 2 == 1;
            if (settings.Rounds > 1) BenchOutput.Progress($"round {round + 1} of {settings.Rounds}{(clusterFirst ? ", the cluster first" : "")}");
            var first = await MeasureAsync(settings, clusterFirst ? settings.Silos : 1, cancellationToken);
            var second = await MeasureAsync(settings, clusterFirst ? 1 : settings.Silos, cancellationToken);
            var ((single, singleMemory), (cluster, clusterMemory)) = clusterFirst ? (second, first) : (first, second);
            rounds.Add(new ClusterOrderRound(single, cluster, singleMemory, clusterMemory));
            if (settings.Rounds > 1) BenchOutput.Progress($"round {round + 1}: ratio {rounds[^1].ThroughputRatio:F2}");
        }
        return new ClusterOrderBenchResult(settings.Silos, rounds);
    }

    private static async Task<(OrderBenchResult Result, long WorkingSet)> MeasureAsync(ClusterOrderBenchSettings settings, int silos, CancellationToken cancellationToken)
    {
        var label = silos == 1 ? "one silo" : $"{silos} clustered silos";
        await using var database = await BenchDatabase.CreateAsync(settings.Connection, silos == 1 ? "single" : "cluster", cancellationToken);
        var work = Directory.CreateTempSubdirectory("smarttrader-bench-");
        var servers = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                BenchOutput.Progress($"{label}: starting server {i + 1}");
                servers.Add(await StartServerAsync(database.ConnectionString, clustered: silos > 1, work.CreateSubdirectory($"silo{i + 1}").FullName, cancellationToken));
            }
            using var usage = new ServerUsageReader([.. servers.Select(s => s.BaseAddress)], AdminUser, AdminPassword);
            if (silos > 1) await WaitForMembershipAsync(usage, servers, cancellationToken);
            var orderSettings = new OrderBenchSettings(
                [.. servers.Select(s => s.BaseAddress)], AdminUser, AdminPassword, settings.Clients, settings.Accounts,
                settings.Duration, settings.Warmup, SymbolCount: 5, settings.Owners,
                usage.ReadAsync);
            BenchOutput.Progress($"{label}: placing orders");
            var result = await OrderPlacementBench.RunAsync(orderSettings, cancellationToken);
            return (result, servers.Sum(s => s.WorkingSet));
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
            work.Delete(recursive: true);
        }
    }

    private static Task<ServerProcess> StartServerAsync(string connection, bool clustered, string workDirectory, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "--data-dir", workDirectory, "--storage", "postgres", "--connection", connection };
        if (clustered)
            arguments.AddRange(["--cluster", "--silo-host", "127.0.0.1", "--silo-port", ServerProcess.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var environment = new Dictionary<string, string>
        {
            ["SmartTrader__Auth__BootstrapAdmin__UserName"] = AdminUser,
            ["SmartTrader__Auth__BootstrapAdmin__Password"] = AdminPassword,
            ["Trading__Seed"] = "42",
        };
        // Clustered silos share this machine's cores, as deploy/local-cluster.sh runs them: workstation GC. Server GC,
        // the product's default for a silo that has its host to itself, assumes the cores are its own (docs/BENCHMARKS.md).
        if (clustered)
        {
            environment["DOTNET_gcServer"] = "0";
            environment["Cluster__Transport__Secret"] = BenchClusterSecret.Value;
        }
        return ServerProcess.StartAsync(arguments, environment, workDirectory, cancellationToken);
    }

    /// <summary>Waits until every silo's own view of the cluster lists all of them as Active.</summary>
    private static async Task WaitForMembershipAsync(ServerUsageReader reader, IReadOnlyList<ServerProcess> servers, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var server in servers)
        {
            while (await ActiveSilosAsync(reader, server.BaseAddress, cancellationToken) < servers.Count)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(60))
                    throw new TimeoutException($"The {servers.Count} silos did not all see each other as Active within 60 s; see {server.LogFile}.");
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task<int> ActiveSilosAsync(ServerUsageReader reader, Uri server, CancellationToken cancellationToken)
    {
        using var view = await reader.ViewAsync(server, cancellationToken);
        return view.RootElement.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active");
    }
}
