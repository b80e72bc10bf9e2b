using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;

namespace SmartTrader.Trading.Rulesets;

/// <summary>
/// What a ruleset is compiled against on this silo: its typed inputs (for "pre-trade" and the rulesets it injects:
/// order, account, position, quote, limits), and the active rulesets that supply the workflows it injects.
/// </summary>
public interface IRulesetSchemas
{
    /// <summary>Null for a ruleset no component evaluates; such a ruleset is validated against sample inputs instead.</summary>
    IReadOnlyList<RuleInput>? InputsFor(string ruleset);

    /// <summary>The workflows of the active version of <paramref name="ruleset"/>, or null when it has none.</summary>
    IReadOnlyList<Workflow>? ActiveWorkflows(string ruleset);
}
