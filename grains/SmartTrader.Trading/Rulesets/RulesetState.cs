using SmartTrader.Rules.Governance;

namespace SmartTrader.Trading.Rulesets;

/// <summary>
/// The ruleset grain's one state row: version headers and the audit entries not yet sealed into a page. A change and
/// its audit entry are written in the same row, so neither is ever committed without the other. The row stays small:
/// content lives in <see cref="RulesetContentGrain"/> rows, older audit entries in <see cref="RulesetAuditPageGrain"/> rows.
/// </summary>
public sealed class RulesetState
{
    public Ruleset? Ruleset { get; set; }

    /// <summary>Audit entries after the sealed pages, oldest first; at most one page's worth.</summary>
    public List<RulesetAuditEntry> AuditTail { get; set; } = [];

    /// <summary>How many full pages of audit entries are sealed: pages 0 .. SealedAuditPages - 1.</summary>
    public int SealedAuditPages { get; set; }
}
