using SmartTrader.Rules.Compilation;

namespace SmartTrader.Trading.Rulesets;

/// <summary>
/// The typed inputs a ruleset is compiled against, by ruleset name ("pre-trade": order, account, position, quote,
/// limits). Null for a ruleset no component evaluates; such a ruleset is validated against sample inputs instead.
/// </summary>
public interface IRulesetSchemas
{
    IReadOnlyList<RuleInput>? InputsFor(string ruleset);
}
