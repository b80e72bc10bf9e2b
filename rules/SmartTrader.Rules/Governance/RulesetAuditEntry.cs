using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace SmartTrader.Rules.Governance;

[JsonConverter(typeof(JsonStringEnumConverter<RulesetAction>))]
public enum RulesetAction
{
    Seeded,
    Created,
    Updated,
    Submitted,
    Approved,
    Rejected,
    Activated,
    RolledBack,
}

/// <summary>
/// One entry of a ruleset's audit trail. Entries are numbered from 1 without gaps and never change once written.
/// </summary>
/// <param name="Reason">The reason or comment the actor gave, if any (required for a rejection).</param>
/// <param name="ContentHash">The content the action concerned, when it concerned content.</param>
/// <param name="Changes">What changed, one line each: a diff summary for an edit, the retired version for an activation.</param>
public sealed record RulesetAuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    RulesetAction Action,
    int? Version,
    string? Reason,
    string? ContentHash,
    ImmutableArray<string> Changes);
