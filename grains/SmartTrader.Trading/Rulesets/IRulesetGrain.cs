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

    /// <summary>
    /// Start-up bootstrap: when the ruleset has no versions at all, records <paramref name="content"/> as version 1,
    /// approved and active, authored by the system and audited with <paramref name="source"/>. Otherwise returns the
    /// active version untouched (null when there is none).
    /// </summary>
    Task<ActiveRuleset?> SeedIfEmpty(string content, string source);
}
