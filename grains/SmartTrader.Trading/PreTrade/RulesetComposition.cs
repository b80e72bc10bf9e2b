using SmartTrader.Rules.Model;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// A ruleset together with the active versions of the rulesets it injects (WorkflowsToInject names a workflow, and the
/// ruleset of that name supplies it), folded into one document to compile. <see cref="Key"/> names every version in
/// it, so two compositions are the same exactly when their keys are.
/// </summary>
public sealed class RulesetComposition
{
    private RulesetComposition(ActiveRuleset root, IReadOnlyList<ActiveRuleset> included, IReadOnlyList<Workflow> workflows, IReadOnlyList<string> missing)
    {
        Root = root;
        Included = included;
        Workflows = workflows;
        Missing = missing;
        Key = string.Join(" + ", new[] { root }.Concat(included).Select(r => $"{r.Ruleset}@{r.Version}:{r.ContentHash}"));
    }

    public ActiveRuleset Root { get; }

    /// <summary>The injected rulesets, in the order their workflows were added.</summary>
    public IReadOnlyList<ActiveRuleset> Included { get; }

    public IReadOnlyList<Workflow> Workflows { get; }

    /// <summary>Injected workflows no active ruleset supplies; a composition with any cannot be compiled.</summary>
    public IReadOnlyList<string> Missing { get; }

    public string Key { get; }

    public bool Contains(string ruleset) => Root.Ruleset == ruleset || Included.Any(r => r.Ruleset == ruleset) || Missing.Contains(ruleset);

    public static RulesetComposition Of(ActiveRuleset root, IReadOnlyDictionary<string, ActiveRuleset> active)
    {
        var document = RulesDocument.Parse(root.Content);
        var included = new List<ActiveRuleset>();
        var (added, missing) = WorkflowInjections.Resolve(document, name =>
        {
            if (name == root.Ruleset || !active.TryGetValue(name, out var part)) return null;
            included.Add(part);
            return RulesDocument.Parse(part.Content);
        });
        return new RulesetComposition(root, included, [.. document, .. added], missing);
    }
}
