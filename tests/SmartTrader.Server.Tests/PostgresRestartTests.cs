using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;
using SmartTrader.TestSupport;
using Xunit.Abstractions;

namespace SmartTrader.Server.Tests;

/// <summary>
/// Three clustered server processes on a PostgreSQL of the test's own. Clients place orders through all three while
/// the database is stopped (immediate shutdown, as a crash) for longer than twice the death limit and started again
/// on its port. During the outage requests fail promptly with a 503 problem; afterwards every silo serves again, as
/// the same process and the same silo life, and every acknowledged order is there exactly once.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Silos = 3;
    private const int Clients = 6;
    private const int Accounts = 9;
    private const string Trader = "pg-trader";
    private const string TraderPassword = "pg-trader-password";
    private const string AdminPassword = "pg-restart-admin-password";
    private const decimal StartingCash = 10_000_000m;

    /// <summary>Twice the default death limit and then some: long enough that every heartbeat in the table is stale past it.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(12);

    /// <summary>The longest any single request may take, outage or not: failing clearly includes failing promptly.</summary>
    private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private RestartablePostgres? _postgres;
    private ClusteredServers? _cluster;

    private IReadOnlyList<ServerProcess> Servers => _cluster!.Processes;
    private IReadOnlyList<Uri> Urls => _cluster!.Urls;

    public async Task InitializeAsync()
    {
        _postgres = await RestartablePostgres.StartNewAsync();
        try
        {
            _cluster = await ClusteredServers.StartAsync(Silos, _postgres.ConnectionString, AdminPassword, output);
        }
        catch
        {
            // xunit does not dispose a class whose initialization failed: the database must not outlive the test.
            await _postgres.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Requests_fail_with_a_503_problem_while_postgres_is_down_and_every_silo_serves_again_without_a_restart()
    {
        var accounts = await OpenAccountsAsync();
        var clients = new List<HttpClient>();
        for (var i = 0; i < Silos; i++)
        {
            var client = new HttpClient { BaseAddress = Urls[i], Timeout = RequestLimit + TimeSpan.FromSeconds(5) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await client.SignInAsync(Trader, TraderPassword));
            clients.Add(client);
        }
        await clients[0].WaitForQuoteAsync("AAPL");
        var before = await ClusterViewAsync();
        var processIds = Servers.Select(s => s.Id).ToList();
        var ledger = new OrderLedger();
        using var stop = new CancellationTokenSource();
        var running = Task.WhenAll(Enumerable.Range(0, Clients).Select(c =>
            Task.Run(() => PlaceOrdersAsync(c, clients[c % Silos], accounts, ledger, stop.Token), CancellationToken.None)));
        await WaitUntilAsync(() => ledger.Acknowledged.Count >= 60, Generous, "60 orders acknowledged before the outage");

        await _postgres!.StopAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        var outage = Stopwatch.StartNew();
        var acknowledgedBefore = ledger.Acknowledged.Count;
        await WaitUntilAsync(() => outage.Elapsed >= Outage, Outage + Generous, "the outage lasts its time");
        await _postgres.StartAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        var sinceRestart = Stopwatch.StartNew();
        using var recovered = new CancellationTokenSource();
        var connections = PeakConnectionsAsync(recovered.Token);
        try
        {
            await WaitUntilAsync(() => Enumerable.Range(0, Clients).All(c => ledger.AcknowledgedSince(c, restartedAt) >= 3), Generous,
                "every client, through every silo, has orders acknowledged again");
        }
        catch (TimeoutException)
        {
            await recovered.CancelAsync();
            output.WriteLine($"postgres stopped at {stoppedAt:HH:mm:ss.fff} and accepted connections again at {restartedAt:HH:mm:ss.fff} (UTC); " +
                             $"orders acknowledged since, by client: {string.Join(", ", Enumerable.Range(0, Clients).Select(c => ledger.AcknowledgedSince(c, restartedAt)))}; " +
                             $"client connections since, at most: {await connections}");
            for (var c = 0; c < Clients; c++) output.WriteLine(ledger.DescribeClientSince(c, restartedAt));
            foreach (var unexpected in ledger.Unexpected.TakeLast(10)) output.WriteLine("no answer: " + unexpected);
            output.WriteLine("readiness now: " + string.Join(", ", await Task.WhenAll(Urls.Select(ReadinessAsync))));
            output.WriteLine("--- postgres log (last 40 lines)\n" + _postgres.LogTail(40));
            throw;
        }
        var servingAgain = sinceRestart.Elapsed;
        await recovered.CancelAsync();
        var peakConnections = await connections;
        await stop.CancelAsync();
        await running.WaitAsync(Generous);

        var failures = ledger.Failures.ToList();
        var byTitle = failures.GroupBy(f => TitleOf(f.Body)).Select(g => $"{g.Count()} {g.Key}");
        output.WriteLine($"FIGURE postgres down {Outage.TotalSeconds:F0} s under load: {acknowledgedBefore} orders acknowledged before, " +
                         $"{ledger.Acknowledged.Count} in all, {failures.Count} failed attempts ({string.Join(", ", byTitle)}); every silo " +
                         $"serving orders again {servingAgain.TotalSeconds:F1} s after postgres started, with at most {peakConnections} client " +
                         $"connections open meanwhile; slowest request {ledger.Slowest.TotalSeconds:F1} s; {ledger.Rejected.Count} orders rejected");

        // (a) The outage was felt, and every failure was a prompt, clear 503 problem. The only orders rejected are market
        // orders that found no quote: a symbol's activation that lost a write during the outage starts again without
        // one, until the feed's next tick.
        ledger.Unexpected.Should().BeEmpty();
        ledger.Rejected.Values.Should().NotContain(r => !r.Reason.Contains("no quote", StringComparison.Ordinal), "no order was refused for its account's state");
        failures.Should().NotBeEmpty("requests during the outage cannot succeed");
        failures.Select(f => f.Silo).Distinct().Should().HaveCount(Silos, "clients of every silo saw the outage");
        foreach (var failure in failures.DistinctBy(f => f.Body))
        {
            failure.Status.Should().Be(HttpStatusCode.ServiceUnavailable, failure.Body);
            failure.MediaType.Should().Be("application/problem+json", failure.Body);
            var problem = JsonDocument.Parse(failure.Body).RootElement;
            problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace(failure.Body);
            problem.GetProperty("detail").GetString().Should().ContainEquivalentOf("retry", failure.Body);
            problem.GetProperty("retryable").GetBoolean().Should().BeTrue(failure.Body);
            failure.Body.Should().NotContainAny("   at ", "Exception", ".cs:line", "Npgsql");
        }
        ledger.Slowest.Should().BeLessThan(RequestLimit, "no request hangs while the database is down");

        // (b) The same processes serve again: none exited or was restarted.
        Servers.Select(s => s.Id).Should().Equal(processIds);
        Servers.Should().OnlyContain(s => s.ExitCode == null, "no silo stopped itself");

        // (d) Every silo sees the same three silo lives, all Active, at the membership version of before the outage.
        (await ClusterViewAsync()).Should().Be(before, "no silo was declared dead, left or rejoined");

        // (c) Every acknowledged order is there once, applied once.
        foreach (var account in accounts) await VerifyAccountAsync(clients[0], account, ledger);
    }

    /// <summary>A silo's answer to /health/ready within 3 s, or why there was none.</summary>
    private static async Task<string> ReadinessAsync(Uri silo)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return $"{silo.Port} {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"{silo.Port} {e.GetType().Name}";
        }
    }

    /// <summary>The most client connections the database had open at once, sampled every 100 ms until <paramref name="until"/>.</summary>
    private async Task<int> PeakConnectionsAsync(CancellationToken until)
    {
        var peak = 0;
        while (!until.IsCancellationRequested)
        {
            peak = Math.Max(peak, await _postgres!.ClientConnectionsAsync() ?? 0);
            await Task.Delay(100, CancellationToken.None);
        }
        return peak;
    }

    /// <summary>The administrator opens a trader's margin accounts; the trader is granted them.</summary>
    private async Task<List<string>> OpenAccountsAsync()
    {
        using var admin = await HttpExtensions.SignedInClientAsync(Urls[0], "root", AdminPassword);
        (await admin.PostAsJsonAsync("/api/users", new { userName = Trader, password = TraderPassword, roles = new[] { "trader" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var accounts = Enumerable.Range(0, Accounts).Select(i => $"pg-{i}").ToList();
        foreach (var id in accounts)
            (await admin.PostAsJsonAsync("/api/accounts", new { id, name = id, type = "Margin", initialCash = StartingCash, owner = Trader }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
        return accounts;
    }

    /// <summary>
    /// One client, through one silo: buys one share per order, retrying a failed order with the same client order id
    /// until it is acknowledged (201, or 200 for an order a failed attempt had committed) or rejected (a final 422 that
    /// names the rejected order: a resend would get it again), so none is abandoned.
    /// </summary>
    private static async Task PlaceOrdersAsync(int client, HttpClient http, IReadOnlyList<string> accounts, OrderLedger ledger, CancellationToken stop)
    {
        var silo = client % Silos;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var clientOrderId = $"pg-{client}-{n}";
            var account = accounts[(client * 7 + n) % accounts.Count];
            while (true)
            {
                var sent = DateTimeOffset.UtcNow;
                var clock = Stopwatch.StartNew();
                ledger.Sending(client, sent);
                try
                {
                    using var response = await http.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market(clientOrderId, quantity: 1));
                    ledger.Took(clock.Elapsed);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        ledger.Acknowledge(client, clientOrderId, account, sent);
                        break;
                    }
                    if (RejectionReason(response.StatusCode, body) is { } reason)
                    {
                        // A final answer: the order exists, rejected (a resend returns it again), so the client moves on.
                        ledger.Rejected[clientOrderId] = (account, reason);
                        break;
                    }
                    ledger.Fail(new FailedAttempt(client, silo, clientOrderId, sent, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    ledger.Took(clock.Elapsed);
                    ledger.Unexpected.Enqueue($"{sent:HH:mm:ss.fff} {clientOrderId} via silo {silo}: {e.GetType().Name} after {clock.Elapsed.TotalSeconds:F1} s: {e.Message}");
                }
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// The account lists exactly its acknowledged orders, each once and filled, and those rejected, and holds one share
    /// per acknowledged order.
    /// </summary>
    private static async Task VerifyAccountAsync(HttpClient http, string account, OrderLedger ledger)
    {
        var expected = ledger.Acknowledged.Where(a => a.Value == account).Select(a => a.Key).ToList();
        var rejected = ledger.Rejected.Where(r => r.Value.Account == account).Select(r => r.Key).ToList();
        var listed = await http.ListAllOrdersAsync(account);

        var ids = listed.Select(o => o.GetProperty("clientOrderId").GetString()).ToList();
        ids.Should().OnlyHaveUniqueItems("no order of {0} was recorded twice", account);
        ids.Should().BeEquivalentTo(expected.Concat(rejected), "{0} holds exactly the orders it acknowledged or rejected", account);
        string StatusOf(string clientOrderId) => listed.Single(o => o.GetProperty("clientOrderId").GetString() == clientOrderId).GetProperty("status").GetString()!;
        expected.Select(StatusOf).Should().NotContain(status => status != "Filled", "every acknowledged order of {0} filled", account);
        rejected.Select(StatusOf).Should().NotContain(status => status != "Rejected", "every rejected order of {0} stays rejected", account);
        var portfolio = await (await http.GetAsync($"/api/accounts/{account}/portfolio")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        portfolio.GetProperty("positions").EnumerateArray().Where(p => p.GetProperty("symbol").GetString() == "AAPL")
            .Sum(p => p.GetProperty("quantity").GetDecimal()).Should().Be(expected.Count, "each order of {0} bought one share once", account);
    }

    /// <summary>
    /// Each silo's view of the cluster as "membership version: silo lives and statuses", once it lists three Active
    /// lives (views refresh every heartbeat). All silos must hold the same.
    /// </summary>
    private async Task<string> ClusterViewAsync()
    {
        var views = new List<string>();
        for (var i = 0; i < Silos; i++)
        {
            using var admin = await HttpExtensions.SignedInClientAsync(Urls[i], "root", AdminPassword);
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var view = await (await admin.GetAsync("/api/cluster")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
                var silos = view.GetProperty("silos").EnumerateArray().Select(s => (Address: s.GetProperty("address").GetString(), Status: s.GetProperty("status").GetString())).ToList();
                var allActive = silos.Count == Silos && silos.All(s => s.Status == "Active");
                if (allActive || clock.Elapsed > Generous)
                {
                    allActive.Should().BeTrue($"silo {i} lists three Active silos: {view}");
                    views.Add($"v{view.GetProperty("membershipVersion").GetInt64()}: " + string.Join(", ", silos.Select(s => s.Address).Order(StringComparer.Ordinal)));
                    break;
                }
                await Task.Delay(200);
            }
        }
        views.Distinct().Should().ContainSingle("every silo holds one view: {0}", string.Join(" | ", views));
        return views[0];
    }

    /// <summary>
    /// The reason of a 422 that carries the order it refused, recorded as Rejected (e.g. no quote yet right after the
    /// outage); null for any other answer.
    /// </summary>
    private static string? RejectionReason(HttpStatusCode status, string body)
    {
        if (status != HttpStatusCode.UnprocessableEntity) return null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("orderStatus", out var orderStatus) && orderStatus.GetString() == "Rejected"
                ? problem.RootElement.GetProperty("reason").GetString() ?? ""
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string TitleOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "(not JSON)";
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"Not within {limit}: {what}.");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync(output);
        if (_postgres is not null) await _postgres.DisposeAsync();
    }

    private sealed record FailedAttempt(int Client, int Silo, string ClientOrderId, DateTimeOffset Sent, HttpStatusCode Status, string? MediaType, string Body);

    /// <summary>What the clients were told, shared by all of them.</summary>
    private sealed class OrderLedger
    {
        private readonly ConcurrentDictionary<int, ConcurrentBag<DateTimeOffset>> _sentAt = new();
        private readonly ConcurrentDictionary<int, DateTimeOffset> _lastSent = new();
        private long _slowestTicks;

        /// <summary>Client order id to account, for every acknowledged order.</summary>
        public ConcurrentDictionary<string, string> Acknowledged { get; } = new();
        public ConcurrentQueue<FailedAttempt> Failures { get; } = new();

        /// <summary>Client order id to account and reason, for every order the server recorded as Rejected.</summary>
        public ConcurrentDictionary<string, (string Account, string Reason)> Rejected { get; } = new();
        public ConcurrentQueue<string> Unexpected { get; } = new();
        public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

        public void Acknowledge(int client, string clientOrderId, string account, DateTimeOffset sent)
        {
            Acknowledged[clientOrderId] = account;
            _sentAt.GetOrAdd(client, _ => []).Add(sent);
        }

        public int AcknowledgedSince(int client, DateTimeOffset since) =>
            _sentAt.TryGetValue(client, out var sent) ? sent.Count(t => t >= since) : 0;

        public void Fail(FailedAttempt attempt) => Failures.Enqueue(attempt);

        public void Sending(int client, DateTimeOffset at) => _lastSent[client] = at;

        /// <summary>For a failed recovery: what one client was told since, and when it last sent (a request may hang).</summary>
        public string DescribeClientSince(int client, DateTimeOffset since)
        {
            var failures = Failures.Where(f => f.Client == client && f.Sent >= since).ToList();
            var byAnswer = failures.GroupBy(f => $"{(int)f.Status} {TitleOf(f.Body)}").Select(g => $"{g.Count()} × {g.Key}");
            var last = failures.LastOrDefault();
            return $"client {client}: {AcknowledgedSince(client, since)} acknowledged, {failures.Count} refused ({string.Join("; ", byAnswer)}), " +
                   $"last sent {_lastSent.GetValueOrDefault(client):HH:mm:ss.fff}" +
                   (last is null ? "" : $"; last refusal {last.ClientOrderId}: {last.Body[..Math.Min(last.Body.Length, 400)]}");
        }

        public void Took(TimeSpan elapsed)
        {
            var ticks = elapsed.Ticks;
            var seen = Interlocked.Read(ref _slowestTicks);
            while (ticks > seen)
            {
                var previous = Interlocked.CompareExchange(ref _slowestTicks, ticks, seen);
                if (previous == seen) return;
                seen = previous;
            }
        }
    }
}
