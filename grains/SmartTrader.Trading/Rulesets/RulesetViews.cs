using System.Collections.Immutable;
using SmartTrader.Rules.Governance;

namespace SmartTrader.Trading.Rulesets;

/// <summary>A version's header and its rules document (canonical JSON, see <see cref="RulesetContent"/>).</summary>
public sealed record RulesetVersionContent(string Ruleset, RulesetVersion Version, string Content);

/// <summary>Audit entries, newest first; pass <see cref="Next"/> as <c>before</c> for the next page (null at the end).</summary>
public sealed record RulesetHistoryPage(ImmutableArray<RulesetAuditEntry> Entries, long? Next);
