using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;
using SmartTrader.TestSupport;

namespace SmartTrader.Server.Tests;

/// <summary>Two clustered servers in this process on one PostgreSQL database: either answers for any account.</summary>
public sealed class ClusteredServersTests : IAsyncLifetime
{
    private const string AdminPassword = "bootstrap-admin-password";
    private TestPostgres? _database;
    private ServerFactory? _first;
    private ServerFactory? _second;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _first = new ClusteredServerFactory(_database.ConnectionString, FreePort());
        _first.CreateClient().Dispose();
        _second = new ClusteredServerFactory(_database.ConnectionString, FreePort());
        _second.CreateClient().Dispose();
    }

    [Fact]
    public async Task Each_server_answers_for_accounts_the_other_created_with_the_others_token()
    {
        using var adminOnFirst = await _first!.ClientForAsync("root", AdminPassword);
        (await adminOnFirst.PostAsJsonAsync("/api/users", new { userName = "cl-trader", password = "cl-trader-password", roles = new[] { "trader" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var accounts = Enumerable.Range(0, 6).Select(i => $"cl-{i}").ToList();
        foreach (var id in accounts)
            (await adminOnFirst.PostAsJsonAsync("/api/accounts", new { id, name = id, type = "Cash", initialCash = 1_000m + 1, owner = "cl-trader" }))
                .StatusCode.Should().Be(HttpStatusCode.Created);

        // A token the first server issued, presented to the second: the key ring is shared through the database.
        using var traderOnSecond = _second!.CreateClient();
        traderOnSecond.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await _first!.CreateClient().SignInAsync("cl-trader", "cl-trader-password"));
        foreach (var id in accounts)
        {
            var portfolio = await (await traderOnSecond.GetAsync($"/api/accounts/{id}/portfolio")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
            portfolio.GetProperty("cash").GetDecimal().Should().Be(1_001m);
        }
        using var adminOnSecond = await _second.ClientForAsync("root", AdminPassword);
        await (await adminOnSecond.GetAsync("/api/accounts/cl-missing/portfolio")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Both_servers_list_both_silos_as_active_and_one_runs_the_feed()
    {
        using var admin = await _second!.ClientForAsync("root", AdminPassword);

        var silos = await WaitForAsync(admin, view => view.GetProperty("silos").EnumerateArray()
            .Count(s => s.GetProperty("status").GetString() == "Active" && s.GetProperty("activations").ValueKind == JsonValueKind.Object) == 2);

        silos.GetProperty("mode").GetString().Should().Be("cluster");
        var active = silos.GetProperty("silos").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "Active").ToList();
        active.Count(s => s.GetProperty("isLocal").GetBoolean()).Should().Be(1);
        active.Count(s => s.GetProperty("runsMarketFeed").GetBoolean()).Should().Be(1);
        // Signing in activated the admin's user grain on one of them; the other silo's count is its last report.
        active.Sum(s => s.GetProperty("activations").GetProperty("total").GetInt32()).Should().BeGreaterThan(0);
        (await _first!.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _second!.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_loss_is_washed_by_purchases_in_the_owners_other_accounts_whichever_silos_hold_them()
    {
        var (first, second) = (_first!, _second!);
        using var admin = await first.ClientForAsync("root", AdminPassword);
        (await admin.PostAsJsonAsync("/api/users", new { userName = "cl-owner", password = "cl-owner-password", roles = new[] { "trader" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var accounts = new[] { ("cl-ws-0", "Margin"), ("cl-ws-1", "Cash"), ("cl-ws-2", "Margin"), ("cl-ws-3", "IRA") };
        foreach (var (id, type) in accounts)
            (await admin.PostAsJsonAsync("/api/accounts", new { id, name = id, type, initialCash = 10_000m, owner = "cl-owner" }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
        using var onFirst = await first.ClientForAsync("cl-owner", "cl-owner-password");
        using var onSecond = await second.ClientForAsync("cl-owner", "cl-owner-password");

        await first.PublishQuoteAsync("MSFT", 100m);
        await PlaceAsync(onFirst, "cl-ws-0", "buy", "Buy", 10);             // at 100.01
        await first.PublishQuoteAsync("MSFT", 90m);
        await PlaceAsync(onFirst, "cl-ws-0", "sell", "Sell", 10);           // at 89.99: a loss of 10.02 a share
        var taxable = await PlaceAsync(onSecond, "cl-ws-1", "rebuy", "Buy", 4);
        var ira = await PlaceAsync(onSecond, "cl-ws-3", "rebuy", "Buy", 6);

        taxable.GetProperty("warnings")[0].GetProperty("message").GetString().Should().EndWith("replaces 4 MSFT shares of 1 loss sale(s) in the last 30 days: 40.08 of loss disallowed.");
        ira.GetProperty("warnings")[0].GetProperty("message").GetString().Should().EndWith(": 60.12 of loss disallowed for good (the purchase is in an IRA).");
        var sale = (await (await onFirst.GetAsync("/api/accounts/cl-ws-0/tax-lots")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK))
            .GetProperty("realized")[0];
        sale.GetProperty("disallowedLoss").GetDecimal().Should().Be(100.2m);
        sale.GetProperty("permanentlyDisallowedLoss").GetDecimal().Should().Be(60.12m);
        sale.GetProperty("replacements").EnumerateArray().Select(r => (r.GetProperty("account").GetString(), r.GetProperty("shares").GetDecimal()))
            .Should().Equal(("cl-ws-1", 4m), ("cl-ws-3", 6m));
    }

    [Fact]
    public async Task A_grant_revoked_through_one_server_is_refused_by_the_other_on_its_next_request_and_a_new_grant_counts_at_once()
    {
        using var admin = await _first!.ClientForAsync("root", AdminPassword);
        await BothSeeBothAsync();
        (await admin.PostAsJsonAsync("/api/users", new { userName = "cl-revoked", password = "cl-revoked-password", roles = new[] { "trader" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/accounts", new { id = "cl-rv-0", name = "cl-rv-0", type = "Cash", initialCash = 1_000m, owner = "root" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        using var onSecond = await _second!.ClientForAsync("cl-revoked", "cl-revoked-password");
        await (await onSecond.GetAsync("/api/accounts/cl-rv-0")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        (await admin.PostAsJsonAsync("/api/accounts/cl-rv-0/grants", new { userName = "cl-revoked" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await onSecond.GetAsync("/api/accounts/cl-rv-0")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await onSecond.GetAsync("/api/accounts/cl-rv-0")).StatusCode.Should().Be(HttpStatusCode.OK, "the second server has its copy of the grant now");

        (await admin.DeleteAsync("/api/accounts/cl-rv-0/grants/cl-revoked")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await onSecond.GetAsync("/api/accounts/cl-rv-0")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Signing_out_through_one_server_ends_the_session_on_the_other()
    {
        using var admin = await _first!.ClientForAsync("root", AdminPassword);
        await BothSeeBothAsync();
        (await admin.PostAsJsonAsync("/api/users", new { userName = "cl-leaver", password = "cl-leaver-password", roles = new[] { "trader" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var token = await _first!.CreateClient().SignInAsync("cl-leaver", "cl-leaver-password");
        using var onFirst = _first!.CreateClient();
        using var onSecond = _second!.CreateClient();
        onFirst.DefaultRequestHeaders.Authorization = onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await onSecond.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await onSecond.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await onFirst.PostAsync("/api/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await onSecond.GetAsync("/api/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "sign in");
    }

    [Fact]
    public async Task The_shared_key_ring_is_sealed_under_the_cluster_secret_so_the_database_alone_cannot_forge_sessions()
    {
        using var onSecond = _second!.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await _first!.CreateClient().SignInAsync("root", AdminPassword));
        (await onSecond.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var dataSource = Npgsql.NpgsqlDataSource.Create(_database!.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys");
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));

        keys.Should().NotBeEmpty();
        keys.Should().AllSatisfy(xml =>
        {
            xml.Should().NotContain("<masterKey", "the key's secret part is stored only sealed");
            xml.Should().Contain("<encryptedSecret").And.Contain(typeof(Clustering.KeyRingXmlDecryptor).FullName!);
        });
    }

    [Fact]
    public async Task After_the_cluster_restarts_with_a_new_secret_old_sessions_are_refused_and_signing_in_works()
    {
        var token = await _first!.CreateClient().SignInAsync("root", AdminPassword);
        await StopAsync(_second);
        await StopAsync(_first);
        _second = null;

        _first = new ClusteredServerFactory(_database!.ConnectionString, FreePort(), TestClusterSecret.Value + "-rotated");
        using var stale = _first.CreateClient();
        stale.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await (await stale.GetAsync("/api/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "sign in");

        using var admin = await _first.ClientForAsync("root", AdminPassword);
        (await admin.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<JsonElement> PlaceAsync(HttpClient trader, string account, string clientOrderId, string side, decimal quantity)
    {
        var order = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market(clientOrderId, "MSFT", side, quantity)))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        order.GetProperty("status").GetString().Should().Be("Filled");
        return order;
    }

    /// <summary>
    /// A user grain drops the copies on the silos its silo's membership view lists; a silo that joined less than a
    /// heartbeat ago may not be listed yet and is bound by the copies' duration instead (docs/cluster.md).
    /// </summary>
    private async Task BothSeeBothAsync()
    {
        foreach (var server in new[] { _first!, _second! })
        {
            using var admin = await server.ClientForAsync("root", AdminPassword);
            await WaitForAsync(admin, view => view.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active") == 2);
        }
    }

    /// <summary>Membership views refresh every heartbeat; polls until the condition holds (fails after a minute).</summary>
    private static async Task<JsonElement> WaitForAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var view = await (await client.GetAsync("/api/cluster", timeout.Token)).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
            if (condition(view)) return view;
            await Task.Delay(200, timeout.Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await StopAsync(_second);
        await StopAsync(_first);
        if (_database is not null) await _database.DisposeAsync();
    }

    private static async Task StopAsync(ServerFactory? factory)
    {
        if (factory is not null) await factory.DisposeAsync();
    }

    private sealed class ClusteredServerFactory(string connectionString, int siloPort, string secret = TestClusterSecret.Value)
        : ServerFactory(new Dictionary<string, string>
    {
        ["SmartTrader:Storage"] = "Postgres",
        ["SmartTrader:ConnectionString"] = connectionString,
        ["SmartTrader:Cluster"] = "true",
        ["SmartTrader:Auth:BootstrapAdmin:UserName"] = "root",
        ["SmartTrader:Auth:BootstrapAdmin:Password"] = AdminPassword,
        ["Cluster:Host"] = "127.0.0.1",
        ["Cluster:Port"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cluster:Transport:Secret"] = secret,
    });
}
