using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;
using SmartTrader.TestSupport;

namespace SmartTrader.Server.Tests;

/// <summary>The API on the real PostgreSQL, in production mode with a bootstrap administrator and no demo data.</summary>
public sealed class PostgresApiTests : IAsyncLifetime
{
    private const string AdminPassword = "bootstrap-admin-password";
    private TestPostgres? _database;
    private ServerFactory? _factory;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _factory = new PostgresServerFactory(_database.ConnectionString);
    }

    [Fact]
    public async Task Users_accounts_and_orders_round_trip_through_postgres()
    {
        var factory = _factory!;
        using var admin = await factory.ClientForAsync("root", AdminPassword);
        (await admin.PostAsJsonAsync("/api/users", new { userName = "pg-trader", password = "pg-trader-password", roles = new[] { "trader" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/accounts", new { id = "pg-1", name = "PG", type = "Margin", initialCash = 10_000m, owner = "pg-trader" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await factory.PublishQuoteAsync("AAPL", 200m);
        using var trader = await factory.ClientForAsync("pg-trader", "pg-trader-password");

        var placed = await (await trader.PostAsJsonAsync("/api/accounts/pg-1/orders", Orders.Market("pg-order", quantity: 3))).ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        var page = await (await trader.GetAsync("/api/accounts/pg-1/orders")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        page.GetProperty("orders").EnumerateArray().Single().GetProperty("orderId").GetString().Should().Be(placed.GetProperty("orderId").GetString());
        (await (await admin.GetAsync("/api/users")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK))
            .EnumerateArray().Select(u => u.GetProperty("userName").GetString()).Should().BeEquivalentTo("root", "pg-trader");
        (await factory.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        _factory?.Dispose();
        if (_database is not null) await _database.DisposeAsync();
    }

    private sealed class PostgresServerFactory(string connectionString) : ServerFactory(new Dictionary<string, string>
    {
        ["SmartTrader:Storage"] = "Postgres",
        ["SmartTrader:ConnectionString"] = connectionString,
        ["SmartTrader:Auth:BootstrapAdmin:UserName"] = "root",
        ["SmartTrader:Auth:BootstrapAdmin:Password"] = AdminPassword,
    });
}
