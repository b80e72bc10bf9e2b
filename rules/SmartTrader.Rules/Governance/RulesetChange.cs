namespace SmartTrader.Rules.Governance;

/// <summary>The ruleset after an accepted request, and the audit entry that records it. Commit both together.</summary>
public sealed record RulesetChange(Ruleset Ruleset, RulesetAuditEntry Entry)
{
    public RulesetVersion Version => Ruleset.Get(Entry.Version ?? throw new InvalidOperationException("The change names no version."));
}
