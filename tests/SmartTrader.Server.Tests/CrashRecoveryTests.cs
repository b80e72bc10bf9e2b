using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;
using SmartTrader.TestSupport;

namespace SmartTrader.Server.Tests;

/// <summary>
/// The server process is killed (SIGKILL) while clients are placing orders, then restarted on the same data:
/// every acknowledged order is there exactly once, and cash and position reconcile with the fills to the cent.
/// On SQLite (the embedded default) and on PostgreSQL.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Clients = 8;
    private const string Account = "crash-acct";
    private const string Trader = "crash-trader";
    private const string TraderPassword = "crash-trader-password";
    private const string AdminPassword = "crash-admin-password";
    private const decimal StartingCash = 100_000m;
    private readonly ScratchDirectory _scratch = new();

    [Theory]
    [MemberData(nameof(StorageKinds.Both), MemberType = typeof(StorageKinds))]
    public async Task Acknowledged_orders_survive_the_server_being_killed_mid_stream(StorageKind kind)
    {
        await using var database = kind == StorageKind.Postgres ? await TestPostgres.CreateDatabaseAsync() : null;
        var baseAddress = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        string[] serve =
        [
            "serve", "--urls", baseAddress.ToString().TrimEnd('/'), "--data-dir", _scratch.Path,
            .. database is null ? Array.Empty<string>() : ["--storage", "postgres", "--connection", database.ConnectionString],
        ];
        var environment = new Dictionary<string, string>
        {
            ["SmartTrader__Auth__BootstrapAdmin__UserName"] = "root",
            ["SmartTrader__Auth__BootstrapAdmin__Password"] = AdminPassword,
        };

        var acknowledged = new ConcurrentDictionary<string, string>();
        await using (var server = ServerProcess.Start(serve, environment))
        {
            await server.WaitUntilReadyAsync(baseAddress, TimeSpan.FromSeconds(90));
            await OpenTradingAccountAsync(baseAddress);
            using var http = await HttpExtensions.SignedInClientAsync(baseAddress, Trader, TraderPassword);
            await http.WaitForQuoteAsync("AAPL");

            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, Clients).Select(c => PlaceUntilStoppedAsync(http, c, acknowledged, stop.Token)).ToArray();
            await WaitUntilAsync(() => acknowledged.Count >= 200, TimeSpan.FromSeconds(60));
            await server.KillAsync();
            stop.Cancel();
            await Task.WhenAll(clients);
        }
        acknowledged.Count.Should().BeGreaterThanOrEqualTo(200);

        await using var restarted = ServerProcess.Start(serve, environment);
        await restarted.WaitUntilReadyAsync(baseAddress, TimeSpan.FromSeconds(90));
        using var after = await HttpExtensions.SignedInClientAsync(baseAddress, Trader, TraderPassword);

        var listed = await after.ListAllOrdersAsync(Account);
        listed.Select(o => o.GetProperty("clientOrderId").GetString()).Should().OnlyHaveUniqueItems();
        var byClientId = listed.ToDictionary(o => o.GetProperty("clientOrderId").GetString()!);
        foreach (var (clientOrderId, orderId) in acknowledged)
        {
            byClientId.Should().ContainKey(clientOrderId, "order {0} was acknowledged before the kill", orderId);
            byClientId[clientOrderId].GetProperty("status").GetString().Should().Be("Filled");
        }

        decimal bought = 0, sold = 0, cashOut = 0, cashIn = 0;
        foreach (var fill in await after.AllFillsAsync(Account))
        {
            var quantity = fill.GetProperty("quantity").GetDecimal();
            var notional = quantity * fill.GetProperty("price").GetDecimal();
            if (fill.GetProperty("side").GetString() == "Buy") { bought += quantity; cashOut += notional; }
            else { sold += quantity; cashIn += notional; }
        }
        var portfolio = await (await after.GetAsync($"/api/accounts/{Account}/portfolio")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        portfolio.GetProperty("cash").GetDecimal().Should().Be(StartingCash - cashOut + cashIn);
        var position = portfolio.GetProperty("positions").EnumerateArray().Where(p => p.GetProperty("symbol").GetString() == "AAPL")
            .Sum(p => p.GetProperty("quantity").GetDecimal());
        position.Should().Be(bought - sold);

        foreach (var (clientOrderId, side) in acknowledged.Keys.Take(5).Select(id => (id, SideOf(id))))
        {
            using var again = await after.PostAsJsonAsync($"/api/accounts/{Account}/orders", Orders.Market(clientOrderId, side: side, quantity: 1));
            again.StatusCode.Should().Be(HttpStatusCode.OK, "a resubmission after the crash returns the original order");
        }
    }

    /// <summary>The administrator opens a margin account for a new trader (its owner is granted it).</summary>
    private static async Task OpenTradingAccountAsync(Uri baseAddress)
    {
        using var admin = await HttpExtensions.SignedInClientAsync(baseAddress, "root", AdminPassword);
        (await admin.PostAsJsonAsync("/api/users", new { userName = Trader, password = TraderPassword, roles = new[] { "trader" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/accounts", new { id = Account, name = "Crash test", type = "Margin", initialCash = StartingCash, owner = Trader }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
    }

    private static string SideOf(string clientOrderId) => int.Parse(clientOrderId.Split('-')[^1]) % 2 == 0 ? "Buy" : "Sell";

    /// <summary>Alternates buying and selling one share so cash never runs out; records only 201 answers.</summary>
    private static async Task PlaceUntilStoppedAsync(HttpClient http, int client, ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var clientOrderId = $"crash-{client}-{i}";
            try
            {
                using var response = await http.PostAsJsonAsync(
                    $"/api/accounts/{Account}/orders", Orders.Market(clientOrderId, side: SideOf(clientOrderId), quantity: 1), stop);
                if (response.StatusCode != HttpStatusCode.Created) continue;
                var order = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                acknowledged[clientOrderId] = order.GetProperty("orderId").GetString()!;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition was not met in time.");
            await Task.Delay(50);
        }
    }

    public void Dispose() => _scratch.Dispose();
}
