using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartTrader.Server.Tests.Support;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Server.Tests;

/// <summary>A pre-trade version activated (or rolled back) through the ruleset API judges the very next order.</summary>
public sealed class PreTradeGovernanceApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Orders_follow_the_version_compliance_activates_and_rolls_back()
    {
        await factory.PublishQuoteAsync("AAPL", 200m);
        var account = await factory.CreateAccountAsync(50_000m);
        using var trader = await factory.ClientForAsync("trader");
        using var author = await factory.ClientForAsync("compliance");
        using var reviewer = await factory.ClientForAsync("compliance2");
        var shipped = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market("before", quantity: 10)))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        shipped.GetProperty("rulesetVersion").GetProperty("version").GetInt32().Should().Be(1);

        var tighter = await author.CreateDraftAsync(PreTradeRuleset.Name, WithMaxQuantity(5));
        await author.ActAsync(PreTradeRuleset.Name, tighter, "submit");
        await reviewer.ActAsync(PreTradeRuleset.Name, tighter, "approve");
        await author.ActAsync(PreTradeRuleset.Name, tighter, "activate", new { reason = "Five shares at most while we investigate." });

        var rejected = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market("after", quantity: 10)))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "[MaxOrderQuantity] At most 5 shares per order; this one is for 10.");
        rejected.GetProperty("rulesetVersion").GetProperty("version").GetInt32().Should().Be(tighter);

        using var rolledBack = await author.PostAsJsonAsync($"/api/rulesets/{PreTradeRuleset.Name}/rollback", new { reason = "Investigation over." });
        rolledBack.StatusCode.Should().Be(HttpStatusCode.OK, await rolledBack.Content.ReadAsStringAsync());
        var accepted = await (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market("rolled-back", quantity: 10)))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        accepted.GetProperty("rulesetVersion").GetProperty("version").GetInt32().Should().Be(1);
    }

    /// <summary>The shipped rules with MaxOrderQuantity replaced by a fixed limit.</summary>
    private static string WithMaxQuantity(int limit)
    {
        var document = JsonNode.Parse(ShippedRulesets.PreTrade)!;
        var rule = document["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == "MaxOrderQuantity")!;
        rule["Expression"] = $"order.Quantity <= {limit}";
        rule["ErrorMessage"] = $"At most {limit} shares per order; this one is for $(order.Quantity).";
        return document.ToJsonString();
    }
}
