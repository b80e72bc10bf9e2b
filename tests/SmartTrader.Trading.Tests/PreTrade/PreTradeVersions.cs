using System.Security.Cryptography;
using System.Text;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.Tests.PreTrade;

/// <summary>Pre-trade ruleset versions as the ruleset grain would publish them.</summary>
internal static class PreTradeVersions
{
    public static ActiveRuleset Of(string content, int version) =>
        new(PreTradeRuleset.Name, version, HashOf(content), content);

    public static RulesetVersionRef VersionOf(ActiveRuleset active) => new(active.Ruleset, active.Version, active.ContentHash);

    /// <summary>The shipped rules with one rule's expression replaced.</summary>
    public static string ShippedWith(string ruleName, string expression)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(ShippedRulesets.PreTrade)!;
        var rule = document["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == ruleName)!;
        rule["Expression"] = expression;
        return document.ToJsonString();
    }

    private static string HashOf(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
