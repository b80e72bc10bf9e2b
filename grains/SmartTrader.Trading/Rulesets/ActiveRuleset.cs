namespace SmartTrader.Trading.Rulesets;

/// <summary>The version of a ruleset that currently judges orders, with its rules file as stored.</summary>
public sealed record ActiveRuleset(string Ruleset, int Version, string ContentHash, string Content);

/// <summary>
/// Silo-local receiver of activations. The ruleset grain calls it after an activation or roll-back is durably
/// committed; the pre-trade gate compiles the content and swaps it in atomically.
/// </summary>
public interface IRulesetActivations
{
    void Publish(ActiveRuleset active);
}
