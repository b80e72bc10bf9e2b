using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

/// <summary>What a trader sees of the pre-trade gate over HTTP, with the shipped rules seeded at start-up.</summary>
public sealed class PreTradeGateApiTests(PreTradeGateApiTests.Factory factory) : IClassFixture<PreTradeGateApiTests.Factory>
{
    public sealed class Factory() : ServerFactory(new Dictionary<string, string> { ["Trading:RiskLimits:MaxOrderQuantity"] = "1000" });

    [Fact]
    public async Task A_rejected_order_is_a_422_naming_each_failed_rule_and_a_resubmission_gets_the_same_answer()
    {
        await factory.PublishQuoteAsync("AAPL", 200m);
        var account = await factory.CreateAccountAsync(50_000m);
        using var trader = await factory.ClientForAsync("trader");
        var order = Orders.Market("too-big", "AAPL", quantity: 1001);

        var problem = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", order)).ShouldBeProblemAsync(
            HttpStatusCode.UnprocessableEntity,
            "[MaxOrderQuantity] The order is for 1001 shares of AAPL; one order may be for at most 1000.",
            "[BuyingPower] Insufficient buying power: the order needs 200210.01, the account has 50000.");

        problem.GetProperty("title").GetString().Should().Be("Order rejected");
        var failures = problem.GetProperty("failures").EnumerateArray().ToList();
        failures.Select(f => f.GetProperty("rule").GetString()).Should().BeEquivalentTo("MaxOrderQuantity", "BuyingPower");
        failures.Should().OnlyContain(f => f.GetProperty("message").GetString()!.Length > 0 && f.GetProperty("reference").GetString()!.Length > 0);
        var version = problem.GetProperty("rulesetVersion");
        version.GetProperty("ruleset").GetString().Should().Be("pre-trade");
        version.GetProperty("version").GetInt32().Should().Be(1);
        version.GetProperty("contentHash").GetString().Should().NotBeNullOrEmpty();

        var again = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", order)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        again.GetProperty("orderId").GetString().Should().Be(problem.GetProperty("orderId").GetString());
        again.GetProperty("detail").GetString().Should().Be(problem.GetProperty("detail").GetString());

        var stored = await (await trader.GetAsync($"/api/accounts/{account}/orders/{problem.GetProperty("orderId").GetString()}"))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        stored.GetProperty("status").GetString().Should().Be("Rejected");
        stored.GetProperty("failures").GetArrayLength().Should().Be(2);
        stored.GetProperty("rulesetVersion").GetProperty("contentHash").GetString().Should().Be(version.GetProperty("contentHash").GetString());
        var page = await (await trader.GetAsync($"/api/accounts/{account}/orders")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        page.GetProperty("orders").GetArrayLength().Should().Be(1, "the resubmission made no second order");
    }

    [Fact]
    public async Task An_accepted_order_carries_its_warnings_and_the_version_that_judged_it()
    {
        await factory.PublishQuoteAsync("MSFT", 400m);
        var account = await factory.CreateAccountAsync(50_000m);
        using var trader = await factory.ClientForAsync("trader");

        var placed = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market("concentrated", "MSFT", quantity: 50)))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.Created);

        placed.GetProperty("status").GetString().Should().Be("Filled");
        var warning = placed.GetProperty("warnings").EnumerateArray().Should().ContainSingle().Subject;
        warning.GetProperty("rule").GetString().Should().Be("MaxConcentration");
        warning.GetProperty("message").GetString().Should().Be("After this order MSFT would be more than 25% of the account's equity of 50000.");
        placed.GetProperty("failures").GetArrayLength().Should().Be(0);
        placed.GetProperty("rulesetVersion").GetProperty("version").GetInt32().Should().Be(1);
    }
}
