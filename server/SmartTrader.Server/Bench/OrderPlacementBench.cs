using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SmartTrader.Server.Bench;

/// <param name="Servers">Where the clients send orders: client i talks to server i mod N (one server, or each silo of a cluster).</param>
/// <param name="Usage">Reads what the servers have spent so far; read just before and just after the measured phase.</param>
public sealed record OrderBenchSettings(
    IReadOnlyList<Uri> Servers,
    string AdminUser,
    string AdminPassword,
    int Clients,
    int Accounts,
    TimeSpan Duration,
    TimeSpan Warmup,
    int SymbolCount,
    int Owners = 100,
    Func<CancellationToken, Task<ServerUsage>>? Usage = null);

/// <param name="Host">The whole machine's CPU time over the measured window (steal: other guests on the hypervisor).</param>
/// <param name="LoadGeneratorCpuSeconds">This process's CPU time over the measured window: what the clients took from the machine the server runs on.</param>
public sealed record OrderBenchResult(
    long Orders,
    long Errors,
    double Seconds,
    double OrdersPerSecond,
    LatencySummary Latency,
    IReadOnlyDictionary<int, long> ErrorsByStatus,
    IReadOnlyDictionary<int, string> FirstErrorByStatus,
    ServerUsage? Usage = null,
    HostCpu? Host = null,
    double LoadGeneratorCpuSeconds = 0)
{
    /// <summary>Server CPU milliseconds per acknowledged order; null when usage was not read.</summary>
    public double? CpuMillisPerOrder => Usage is null || Orders == 0 ? null : Usage.CpuSeconds * 1000 / Orders;

    /// <summary>Bytes the servers allocated per acknowledged order; null when usage was not read.</summary>
    public double? AllocatedBytesPerOrder => Usage is null || Orders == 0 ? null : (double)Usage.AllocatedBytes / Orders;

    /// <summary>The share of the measured window the server's threads spent paused for garbage collection (summed over servers).</summary>
    public double? GcPausePercent => Usage is null || Seconds == 0 ? null : Usage.GcPauseSeconds / Seconds * 100;

    /// <summary>Failed requests by status, as "422:3 0:1".</summary>
    public string ErrorsByStatusLine => string.Join(' ', ErrorsByStatus.Select(e => $"{e.Key}:{e.Value}"));

    /// <summary>Why the first request of each failing status failed, as "422: reason | 503: reason".</summary>
    public string FirstErrorByStatusLine => string.Join(" | ", FirstErrorByStatus.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}"));

    /// <summary>Writes per storage transaction over the measured window (all servers); null when usage was not read.</summary>
    public double? RowsPerCommit => Usage?.Commits.RowsPerBatch;

    /// <summary>Storage transactions committed per second of the measured window (summed over servers).</summary>
    public double? CommitsPerSecond => Usage is null || Seconds == 0 ? null : Usage.Commits.Batches / Seconds;

    /// <summary>
    /// The share of the measured window the storage writers spent committing, summed over the batches each had in flight
    /// at once and over servers: near 100 times a writer's batches in flight, writes wait behind one another.
    /// </summary>
    public double? WriterBusyPercent => Usage is null || Seconds == 0 ? null : Usage.Commits.CommitSeconds / Seconds * 100;

    /// <summary>The load generator's CPU microseconds per acknowledged order.</summary>
    public double LoadGeneratorCpuMicrosPerOrder => Orders == 0 ? 0 : LoadGeneratorCpuSeconds * 1_000_000 / Orders;

    /// <summary>Grain calls between silos per acknowledged order; null when usage was not read.</summary>
    public double? RemoteCallsPerOrder => Usage is null || Orders == 0 ? null : (double)Usage.RemoteCalls / Orders;
}

/// <summary>
/// Places market orders over HTTP from N concurrent clients spread over M accounts, alternating buy and sell so
/// positions stay bounded. The accounts belong to a number of owners (each with several accounts, so every order
/// also involves its owner's tax-lot view) and are all granted to one trader. Every 2xx answer is an acknowledged, durably committed order. With several servers (the
/// silos of one cluster) the clients are spread over them; set-up goes through the first.
/// </summary>
public static class OrderPlacementBench
{
    private const string TraderUser = "bench-trader";
    private const string TraderPassword = "bench-trader-password-1";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static async Task<OrderBenchResult> RunAsync(OrderBenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(settings.Servers.Count);
        using var http = CreateSetUpClient(settings.Servers[0], settings.Clients);
        var adminToken = await SignInAsync(http, settings.AdminUser, settings.AdminPassword, cancellationToken);
        var accounts = await PrepareAccountsAsync(http, adminToken, settings, cancellationToken);
        var traderToken = await SignInAsync(http, TraderUser, TraderPassword, cancellationToken);
        var symbols = await SymbolsAsync(http, traderToken, settings.SymbolCount, cancellationToken);

        BenchOutput.Progress($"warming up for {settings.Warmup.TotalSeconds:N0} s");
        await RunClientsAsync(settings.Servers, traderToken, accounts, symbols, settings, settings.Warmup, "w", cancellationToken);

        BenchOutput.Progress($"measuring for {settings.Duration.TotalSeconds:N0} s with {settings.Clients} clients over {accounts.Count} accounts and {settings.Servers.Count} server(s)");
        var before = settings.Usage is null ? null : await settings.Usage(cancellationToken);
        var hostBefore = HostCpu.Read();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await RunClientsAsync(settings.Servers, traderToken, accounts, symbols, settings, settings.Duration, "m", cancellationToken);
        result = result with
        {
            Host = HostCpu.Since(hostBefore),
            LoadGeneratorCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds,
        };
        return before is null ? result : result with { Usage = ServerUsage.Between(before, await settings.Usage!(cancellationToken)) };
    }

    /// <summary>Accounts, users and sign-ins go through HttpClient; the measured orders through <see cref="Http11Connection"/>.</summary>
    private static HttpClient CreateSetUpClient(Uri server, int clients) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients + 4,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static async Task<OrderBenchResult> RunClientsAsync(
        IReadOnlyList<Uri> servers, string token, IReadOnlyList<string> accounts, IReadOnlyList<string> symbols, OrderBenchSettings settings, TimeSpan duration, string phase,
        CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var recorders = Enumerable.Range(0, settings.Clients).Select(_ => new LatencyRecorder()).ToArray();
        var errors = new long[settings.Clients];
        var errorsByStatus = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        var firstErrorByStatus = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.StartNew();

        // One thread per client, blocked in the kernel while its order is in flight (see Http11Connection).
        var clients = Enumerable.Range(0, settings.Clients).Select(client => Task.Factory.StartNew(() =>
        {
            var mine = accounts.Where((_, i) => i % settings.Clients == client).ToArray();
            using var connection = new Http11Connection(servers[client % servers.Count], RequestTimeout);
            var sequence = 0L;
            while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
            {
                var account = mine[sequence % mine.Length];
                var round = sequence / mine.Length;
                var symbol = symbols[(int)(round / 2 % symbols.Count)];
                var side = round % 2 == 0 ? "Buy" : "Sell";
                var body = $$"""{"clientOrderId":"{{phase}}-{{run}}-{{client}}-{{sequence}}","symbol":"{{symbol}}","side":"{{side}}","type":"Market","quantity":1}""";
                sequence++;

                var begin = Stopwatch.GetTimestamp();
                Http11Response response;
                try
                {
                    response = connection.PostJson($"/api/accounts/{account}/orders", token, body);
                }
                catch (Exception e) when (e is IOException or InvalidDataException)
                {
                    response = new Http11Response(0, KeepAlive: false, Encoding.UTF8.GetBytes(e.Message));
                }
                if (response.Status is >= 200 and < 300) recorders[client].Record(Stopwatch.GetTimestamp() - begin);
                else
                {
                    errors[client]++;
                    errorsByStatus.AddOrUpdate(response.Status, 1, (_, n) => n + 1);
                    if (!firstErrorByStatus.ContainsKey(response.Status))
                        firstErrorByStatus.TryAdd(response.Status, ErrorReason(response.ErrorBody));
                }
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        await Task.WhenAll(clients);
        var seconds = started.Elapsed.TotalSeconds;
        var latency = LatencyRecorder.Summarize(recorders);
        return new OrderBenchResult(latency.Count, errors.Sum(), seconds, latency.Count / seconds, latency, errorsByStatus, firstErrorByStatus);
    }

    /// <summary>A ProblemDetails answer's detail (or title); otherwise the start of whatever the body was.</summary>
    internal static string ErrorReason(byte[]? body)
    {
        if (body is not { Length: > 0 }) return "(no body)";
        try
        {
            using var problem = JsonDocument.Parse(body);
            foreach (var field in (ReadOnlySpan<string>)["detail", "title"])
            {
                if (problem.RootElement.ValueKind == JsonValueKind.Object
                    && problem.RootElement.TryGetProperty(field, out var text) && text.ValueKind == JsonValueKind.String)
                    return text.GetString()!;
            }
        }
        catch (JsonException)
        {
        }
        var raw = Encoding.UTF8.GetString(body);
        return raw.Length <= 200 ? raw : raw[..200] + "…";
    }

    private static async Task<IReadOnlyList<string>> PrepareAccountsAsync(
        HttpClient http, string adminToken, OrderBenchSettings settings, CancellationToken cancellationToken)
    {
        BenchOutput.Progress($"creating {settings.Owners} owners and {settings.Accounts} accounts");
        await SendAsync(http, adminToken, HttpMethod.Post, "/api/users",
            new { userName = TraderUser, password = TraderPassword, roles = new[] { "trader" } }, cancellationToken, HttpStatusCode.Conflict);
        var owners = Enumerable.Range(0, Math.Clamp(settings.Owners, 1, settings.Accounts)).Select(i => $"bench-owner-{i:D4}").ToArray();
        await Parallel.ForEachAsync(owners, new ParallelOptions { MaxDegreeOfParallelism = settings.Clients, CancellationToken = cancellationToken },
            async (owner, ct) => await SendAsync(http, adminToken, HttpMethod.Post, "/api/users",
                new { userName = owner, password = TraderPassword, roles = new[] { "trader" } }, ct, HttpStatusCode.Conflict));

        var accounts = Enumerable.Range(0, settings.Accounts).Select(i => $"bench-{i:D5}").ToArray();
        var created = 0;
        await Parallel.ForEachAsync(accounts.Index(), new ParallelOptions { MaxDegreeOfParallelism = settings.Clients, CancellationToken = cancellationToken },
            async (entry, ct) =>
            {
                var (index, account) = entry;
                await SendAsync(http, adminToken, HttpMethod.Post, "/api/accounts",
                    new { id = account, name = account, type = "Margin", initialCash = 100_000_000m, owner = owners[index % owners.Length] }, ct, HttpStatusCode.Conflict);
                await SendAsync(http, adminToken, HttpMethod.Post, $"/api/accounts/{account}/grants", new { userName = TraderUser }, ct, HttpStatusCode.Conflict);
                if (Interlocked.Increment(ref created) % 250 == 0) BenchOutput.Progress($"  {created}/{accounts.Length} accounts ready");
            });
        return accounts;
    }

    private static async Task SendAsync(
        HttpClient http, string token, HttpMethod method, string path, object body, CancellationToken cancellationToken, HttpStatusCode tolerated)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != tolerated)
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>Signs in through <paramref name="http"/>'s base address; returns the bearer token.</summary>
    internal static async Task<string> SignInAsync(HttpClient http, string user, string password, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { userName = user, password }, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in as {user} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return token?.AccessToken ?? throw new InvalidOperationException("The sign-in answer had no access token.");
    }

    /// <summary>The first symbols the server trades that already have a quote, so market orders can fill.</summary>
    private static async Task<IReadOnlyList<string>> SymbolsAsync(HttpClient http, string token, int count, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/symbols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var symbols = await response.Content.ReadFromJsonAsync<SymbolResponse[]>(cancellationToken) ?? [];
        return [.. symbols.Select(s => s.Symbol).Take(count)];
    }

    private sealed record SymbolResponse(string Symbol);

    private sealed record TokenResponse(string AccessToken);
}
