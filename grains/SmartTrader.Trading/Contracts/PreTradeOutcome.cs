namespace SmartTrader.Trading;

/// <summary>A pre-trade rule an order failed: the rule's name, its rendered message, and the policy or regulation it implements.</summary>
public sealed record RuleFinding(string Rule, string Message, string? Reference);

/// <summary>
/// Which ruleset version judged an order. With the content hash an auditor can fetch that exact version and replay
/// the decision against the order.
/// </summary>
public sealed record RulesetVersionRef(string Ruleset, int Version, string ContentHash);
