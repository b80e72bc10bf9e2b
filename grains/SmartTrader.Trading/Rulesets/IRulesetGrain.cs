using SmartTrader.Runtime;

namespace SmartTrader.Trading.Rulesets;

/// <summary>
/// Key: ruleset name (the shipped pre-trade gate reads "pre-trade"). Owns the ruleset's versions and their
/// governance: draft, submitted, approved, active, retired.
/// </summary>
public interface IRulesetGrain : IGrainWithStringKey
{
    /// <summary>The active version, or null when none has been activated.</summary>
    Task<ActiveRuleset?> GetActive();
}
