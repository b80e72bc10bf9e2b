using SmartTrader.Rules.Model;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// The rules files shipped in <c>rules/rulesets/</c>, embedded in this assembly so that every host finds them,
/// whatever its working directory. A ruleset's file is named after it: <c>pdt.json</c> holds the ruleset "pdt".
/// </summary>
public static class ShippedRulesets
{
    private const string ResourcePrefix = "SmartTrader.Rulesets.";

    /// <summary>Where the pre-trade rules live in the repository; the ruleset's audit trail names it as the source.</summary>
    public const string PreTradeSource = "rules/rulesets/pre-trade.json";

    public static string PreTrade { get; } = Find(PreTradeRuleset.Name)!.Content;

    /// <summary>The rulesets the shipped pre-trade rules inject, and what those inject in turn.</summary>
    public static IReadOnlyList<string> InjectedIntoPreTrade { get; } =
        [.. WorkflowInjections.Resolve(RulesDocument.Parse(PreTrade), Workflows).Added.Select(w => w.WorkflowName)];

    /// <summary>The shipped pre-trade workflow with the shipped workflows it injects: what a new silo's gate compiles.</summary>
    public static IReadOnlyList<Workflow> PreTradeWorkflows()
    {
        var document = RulesDocument.Parse(PreTrade);
        return [.. document, .. WorkflowInjections.Resolve(document, Workflows).Added];
    }

    /// <summary>The workflows of ruleset <paramref name="name"/>'s shipped file, or null when none is shipped.</summary>
    public static IReadOnlyList<Workflow>? Workflows(string name) => Find(name) is { } found ? RulesDocument.Parse(found.Content) : null;

    /// <summary>The shipped file of ruleset <paramref name="name"/>, or null when none is shipped.</summary>
    public static ShippedRuleset? Find(string name)
    {
        using var stream = typeof(ShippedRulesets).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".json");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return new ShippedRuleset(name, reader.ReadToEnd(), $"rules/rulesets/{name}.json");
    }
}

/// <summary>A shipped rules file: the ruleset it seeds, its text, and its path in the repository.</summary>
public sealed record ShippedRuleset(string Name, string Content, string Source);
