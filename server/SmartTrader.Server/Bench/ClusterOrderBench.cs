using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Runtime.Cluster.Bench;

namespace SmartTrader.Server.Bench;

/// <param name="Connection">The PostgreSQL server both passes use; each pass gets a new database on it, dropped afterwards.</param>
public sealed record ClusterOrderBenchSettings(
    string Connection, int Silos, int Clients, int Accounts, int Owners, TimeSpan Duration, TimeSpan Warmup);

public sealed record ClusterOrderBenchResult(int Silos, OrderBenchResult Single, OrderBenchResult Cluster, long SingleWorkingSet, long ClusterWorkingSet)
{
    /// <summary>The cluster's orders/s as a share of the single silo's.</summary>
    public double ThroughputRatio => Cluster.OrdersPerSecond / Single.OrdersPerSecond;
}

/// <summary>
/// Order placement over HTTP twice on the same PostgreSQL server: one silo on its own (serve --storage postgres), then
/// N clustered silos (serve --cluster) with the clients spread over all of them, so most orders reach a silo that does
/// not own the account and are forwarded to the one that does.
/// </summary>
public static class ClusterOrderBench
{
    private const string AdminUser = "bench-admin";
    private const string AdminPassword = "bench-admin-password";

    public static async Task<ClusterOrderBenchResult> RunAsync(ClusterOrderBenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Silos, 2);
        var (single, singleMemory) = await MeasureAsync(settings, silos: 1, cancellationToken);
        var (cluster, clusterMemory) = await MeasureAsync(settings, settings.Silos, cancellationToken);
        return new ClusterOrderBenchResult(settings.Silos, single, cluster, singleMemory, clusterMemory);
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
            if (silos > 1) await WaitForMembershipAsync(servers, cancellationToken);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var adminToken = await SignInAsync(http, servers[0].BaseAddress, cancellationToken);
            var orderSettings = new OrderBenchSettings(
                [.. servers.Select(s => s.BaseAddress)], AdminUser, AdminPassword, settings.Clients, settings.Accounts,
                settings.Duration, settings.Warmup, SymbolCount: 5, settings.Owners,
                ct => UsageAsync(http, adminToken, servers, ct));
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
    private static async Task WaitForMembershipAsync(IReadOnlyList<ServerProcess> servers, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var token = await SignInAsync(http, servers[0].BaseAddress, cancellationToken);
        var clock = Stopwatch.StartNew();
        foreach (var server in servers)
        {
            while (await ActiveSilosAsync(http, server.BaseAddress, token, cancellationToken) < servers.Count)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(60))
                    throw new TimeoutException($"The {servers.Count} silos did not all see each other as Active within 60 s; see {server.LogFile}.");
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>The servers' CPU time and the grain calls each sent to the others, as each reports for itself.</summary>
    private static async Task<ServerUsage> UsageAsync(HttpClient http, string token, IReadOnlyList<ServerProcess> servers, CancellationToken cancellationToken)
    {
        var byMethod = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var server in servers)
        {
            using var view = await ClusterViewAsync(http, server.BaseAddress, token, cancellationToken);
            foreach (var silo in view.RootElement.GetProperty("silos").EnumerateArray())
            {
                if (!silo.GetProperty("isLocal").GetBoolean() || silo.GetProperty("remoteCalls").ValueKind != JsonValueKind.Object) continue;
                foreach (var method in silo.GetProperty("remoteCalls").GetProperty("sentByMethod").EnumerateObject())
                    byMethod[method.Name] = byMethod.GetValueOrDefault(method.Name) + method.Value.GetInt64();
            }
        }
        return new ServerUsage(servers.Sum(s => s.CpuTime.TotalSeconds), byMethod.Values.Sum(), byMethod);
    }

    private static async Task<JsonDocument> ClusterViewAsync(HttpClient http, Uri server, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "/api/cluster"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static async Task<int> ActiveSilosAsync(HttpClient http, Uri server, string token, CancellationToken cancellationToken)
    {
        using var view = await ClusterViewAsync(http, server, token, cancellationToken);
        return view.RootElement.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active");
    }

    private static async Task<string> SignInAsync(HttpClient http, Uri server, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(server, "/api/auth/login"), new { userName = AdminUser, password = AdminPassword }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }
}
