using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

/// <summary>Wash sales across the accounts of one owner, through the HTTP API.</summary>
public sealed class OwnerWashSaleApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task A_loss_in_the_margin_account_bought_back_in_the_owners_IRA_is_disallowed_for_good_and_every_view_says_so()
    {
        var owner = "ws-" + Guid.NewGuid().ToString("N")[..10];
        const string password = "wash-sale-owner-password";
        using (var admin = await factory.ClientForAsync("admin"))
            (await admin.PostAsJsonAsync("/api/users", new { userName = owner, password, roles = new[] { "trader" } })).StatusCode.Should().Be(HttpStatusCode.Created);
        var margin = await factory.CreateAccountAsync(50_000m, owner, "Margin");
        var ira = await factory.CreateAccountAsync(50_000m, owner, "IRA");
        using var trader = await factory.ClientForAsync(owner, password);

        await factory.PublishQuoteAsync("MSFT", 100m);
        await Place(trader, margin, "buy", "Buy");                       // 10 at 100.01
        await factory.PublishQuoteAsync("MSFT", 90m);
        (await Place(trader, margin, "sell", "Sell")).GetProperty("warnings").GetArrayLength().Should().Be(0); // 10 at 89.99: a loss of 100.20

        var rebuy = await Place(trader, ira, "rebuy", "Buy");            // 10 at 90.01, in the IRA

        rebuy.GetProperty("warnings").EnumerateArray().Should().ContainSingle().Which.GetProperty("message").GetString().Should()
            .Be("Wash sale: Buy 10 MSFT replaces 10 MSFT shares of 1 loss sale(s) in the last 30 days: 100.2 of loss disallowed for good (the purchase is in an IRA).");

        var marginLots = await Get(trader, $"/api/accounts/{margin}/tax-lots");
        var sale = marginLots.GetProperty("realized").EnumerateArray().Should().ContainSingle().Subject;
        sale.GetProperty("gainOrLoss").GetDecimal().Should().Be(-100.2m);
        sale.GetProperty("disallowedLoss").GetDecimal().Should().Be(100.2m);
        sale.GetProperty("isPermanentlyDisallowed").GetBoolean().Should().BeTrue();
        sale.GetProperty("replacements").EnumerateArray().Should().ContainSingle().Which.GetProperty("account").GetString().Should().Be(ira);

        var iraLot = (await Get(trader, $"/api/accounts/{ira}/tax-lots")).GetProperty("lots").EnumerateArray().Should().ContainSingle().Subject;
        iraLot.GetProperty("basis").GetDecimal().Should().Be(900.1m);
        iraLot.GetProperty("adjustedBasis").GetDecimal().Should().Be(900.1m);

        var washSale = (await Get(trader, $"/api/accounts/{ira}/compliance")).GetProperty("washSale");
        washSale.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()).Should().BeEquivalentTo([margin, ira]);
        var loss = washSale.GetProperty("recentLosses").EnumerateArray().Should().ContainSingle().Subject;
        loss.GetProperty("account").GetString().Should().Be(margin);
        loss.GetProperty("openQuantity").GetDecimal().Should().Be(0m);
        loss.GetProperty("replacements").EnumerateArray().Should().ContainSingle().Which.GetProperty("isPermanent").GetBoolean().Should().BeTrue();
    }

    private static async Task<JsonElement> Place(HttpClient trader, string account, string clientOrderId, string side)
    {
        var order = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market(clientOrderId, "MSFT", side, 10)))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        order.GetProperty("status").GetString().Should().Be("Filled");
        return order;
    }

    private static async Task<JsonElement> Get(HttpClient client, string path) =>
        await (await client.GetAsync(path)).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
}
