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

    public static ActiveRuleset Named(string ruleset, string content, int version) => new(ruleset, version, HashOf(content), content);

    /// <summary>Version 1 of each shipped ruleset the shipped pre-trade rules inject.</summary>
    public static IEnumerable<ActiveRuleset> ShippedParts() =>
        ShippedRulesets.InjectedIntoPreTrade.Select(name => Named(name, ShippedRulesets.Find(name)!.Content, 1));

    /// <summary>Publishes the shipped rulesets as a silo loads them: the injected ones, then pre-trade.</summary>
    public static void PublishShipped(IRulesetActivations activations, int version = 1)
    {
        foreach (var part in ShippedParts()) activations.Publish(part);
        activations.Publish(Of(ShippedRulesets.PreTrade, version));
    }

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
