using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

public sealed class OrderApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task A_market_order_is_created_filled_and_readable_everywhere()
    {
        await factory.PublishQuoteAsync("MSFT", 400m);
        var account = await factory.CreateAccountAsync(50_000m);
        using var trader = await factory.ClientForAsync("trader");

        using var placed = await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market("buy-1", "MSFT", quantity: 10));

        var order = await placed.ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        var orderId = order.GetProperty("orderId").GetString()!;
        placed.Headers.Location!.ToString().Should().Be($"/api/accounts/{account}/orders/{orderId}");
        order.GetProperty("status").GetString().Should().Be("Filled");

        var read = await (await trader.GetAsync(placed.Headers.Location)).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        read.GetProperty("filledQuantity").GetDecimal().Should().Be(10m);
        var page = await (await trader.GetAsync($"/api/accounts/{account}/orders")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        page.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).Should().Equal(orderId);
        var fills = await (await trader.GetAsync($"/api/accounts/{account}/fills")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        fills.GetProperty("fills").EnumerateArray().Should().ContainSingle().Which.GetProperty("orderId").GetString().Should().Be(orderId);
        fills.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);
        var portfolio = await (await trader.GetAsync($"/api/accounts/{account}/portfolio")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        portfolio.GetProperty("positions").EnumerateArray().Should().ContainSingle(p => p.GetProperty("symbol").GetString() == "MSFT");
        portfolio.GetProperty("cash").GetDecimal().Should().BeLessThan(50_000m - 10 * 399m);
    }

    [Fact]
    public async Task Resubmitting_a_client_order_id_returns_the_original_with_200()
    {
        await factory.PublishQuoteAsync("AAPL", 200m);
        var account = await factory.CreateAccountAsync(50_000m);
        using var trader = await factory.ClientForAsync("trader");
        var order = Orders.Market("same-id", "AAPL", quantity: 5);

        var first = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", order)).ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        var second = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", order)).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        second.GetProperty("orderId").GetString().Should().Be(first.GetProperty("orderId").GetString());
        var portfolio = await (await trader.GetAsync($"/api/accounts/{account}/portfolio")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        portfolio.GetProperty("positions").EnumerateArray().Single().GetProperty("quantity").GetDecimal().Should().Be(5m);
        var page = await (await trader.GetAsync($"/api/accounts/{account}/orders")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        page.GetProperty("orders").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Reusing_a_client_order_id_with_other_terms_is_a_409()
    {
        await factory.PublishQuoteAsync("AAPL", 200m);
        var account = await factory.CreateAccountAsync(50_000m);
        using var trader = await factory.ClientForAsync("trader");
        (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market("terms", quantity: 1))).StatusCode.Should().Be(HttpStatusCode.Created);

        await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market("terms", quantity: 2)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Insufficient_cash_is_a_422_with_the_reason_and_changes_nothing()
    {
        await factory.PublishQuoteAsync("NVDA", 130m);
        var account = await factory.CreateAccountAsync(1_000m);
        using var trader = await factory.ClientForAsync("trader");

        var problem = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market("too-big", "NVDA", quantity: 100)))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("orderId").GetString().Should().StartWith(account + ".");
        problem.GetProperty("orderStatus").GetString().Should().Be("Rejected");
        problem.GetProperty("reason").GetString().Should().NotBeNullOrWhiteSpace();
        problem.GetProperty("detail").GetString().Should().Be(problem.GetProperty("reason").GetString());
        var portfolio = await (await trader.GetAsync($"/api/accounts/{account}/portfolio")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        portfolio.GetProperty("cash").GetDecimal().Should().Be(1_000m);
        portfolio.GetProperty("reservedCash").GetDecimal().Should().Be(0m);
        portfolio.GetProperty("positions").GetArrayLength().Should().Be(0);
        portfolio.GetProperty("openOrders").GetArrayLength().Should().Be(0);
        (await trader.AllFillsAsync(account)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_resting_limit_order_can_be_cancelled_and_filtered_by_status()
    {
        await factory.PublishQuoteAsync("JPM", 230m);
        var account = await factory.CreateAccountAsync(50_000m);
        using var trader = await factory.ClientForAsync("trader");
        var resting = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Limit("low-bid", 100m, "JPM")))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        var orderId = resting.GetProperty("orderId").GetString()!;
        resting.GetProperty("status").GetString().Should().Be("Accepted");

        var cancelled = await (await trader.PostAsync($"/api/accounts/{account}/orders/{orderId}/cancel", null)).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        cancelled.GetProperty("status").GetString().Should().Be("Cancelled");
        var byStatus = await (await trader.GetAsync($"/api/accounts/{account}/orders?status=cancelled")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        byStatus.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).Should().Equal(orderId);
        var filled = await (await trader.GetAsync($"/api/accounts/{account}/orders?status=Filled")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        filled.GetProperty("orders").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Orders_are_paged_with_limit_and_after()
    {
        using var trader = await factory.ClientForAsync("trader");
        var account = await FiveFilledOrdersAsync(trader, "BAC", 42m);

        var first = await (await trader.GetAsync($"/api/accounts/{account}/orders?limit=3")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        var next = first.GetProperty("next").GetString();
        var second = await (await trader.GetAsync($"/api/accounts/{account}/orders?limit=3&after={next}")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        first.GetProperty("orders").GetArrayLength().Should().Be(3);
        second.GetProperty("orders").GetArrayLength().Should().Be(2);
        second.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);
        first.GetProperty("orders").EnumerateArray().Concat(second.GetProperty("orders").EnumerateArray())
            .Select(o => o.GetProperty("orderId").GetString()).Should().OnlyHaveUniqueItems().And.HaveCount(5);
    }

    [Fact]
    public async Task Fills_are_paged_oldest_first_and_filtered_from_a_time_on()
    {
        using var trader = await factory.ClientForAsync("trader");
        var account = await FiveFilledOrdersAsync(trader, "CVX", 155m);

        var first = await (await trader.GetAsync($"/api/accounts/{account}/fills?limit=2")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        var all = await trader.AllFillsAsync(account);

        first.GetProperty("fills").GetArrayLength().Should().Be(2);
        first.GetProperty("next").GetString().Should().Be(first.GetProperty("fills")[1].GetProperty("fillId").GetString());
        all.Select(f => f.GetProperty("quantity").GetDecimal()).Should().BeEquivalentTo([1m, 2m, 3m, 4m, 5m]);
        all.Select(f => f.GetProperty("time").GetDateTimeOffset()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("the orders were placed one after another");
        var rest = await (await trader.GetAsync($"/api/accounts/{account}/fills?after={Uri.EscapeDataString(first.GetProperty("next").GetString()!)}"))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        rest.GetProperty("fills").EnumerateArray().Select(f => f.GetProperty("fillId").GetString())
            .Should().Equal(all.Skip(2).Select(f => f.GetProperty("fillId").GetString()));

        var since = all[3].GetProperty("time").GetDateTimeOffset();
        var recent = await (await trader.GetAsync($"/api/accounts/{account}/fills?since={Uri.EscapeDataString(since.ToString("O"))}"))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        recent.GetProperty("fills").EnumerateArray().Should().NotBeEmpty()
            .And.OnlyContain(f => f.GetProperty("time").GetDateTimeOffset() >= since)
            .And.HaveCount(all.Count(f => f.GetProperty("time").GetDateTimeOffset() >= since));
    }

    [Fact]
    public async Task Symbols_quotes_and_bars_are_served()
    {
        await factory.PublishQuoteAsync("XOM", 115m);
        using var trader = await factory.ClientForAsync("trader");

        var symbols = await (await trader.GetAsync("/api/symbols")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        var quote = await (await trader.GetAsync("/api/symbols/xom/quote")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        var bars = await (await trader.GetAsync("/api/symbols/XOM/bars?count=5")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        symbols.EnumerateArray().Select(s => s.GetProperty("symbol").GetString()).Should().Contain("XOM");
        quote.GetProperty("last").GetDecimal().Should().Be(115m);
        bars.GetArrayLength().Should().BeLessThanOrEqualTo(5);
    }

    /// <summary>A new account with five filled market buys of <paramref name="symbol"/>, of 1 to 5 shares.</summary>
    private async Task<string> FiveFilledOrdersAsync(HttpClient trader, string symbol, decimal price)
    {
        await factory.PublishQuoteAsync(symbol, price);
        var account = await factory.CreateAccountAsync(50_000m);
        for (var i = 0; i < 5; i++)
            (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market($"page-{i}", symbol, quantity: 1 + i)))
                .StatusCode.Should().Be(HttpStatusCode.Created);
        return account;
    }
}
