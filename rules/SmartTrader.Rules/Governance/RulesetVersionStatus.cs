using System.Text.Json.Serialization;

namespace SmartTrader.Rules.Governance;

/// <summary>
/// Where a version of a ruleset stands: Draft → Submitted → Approved → Active → Retired, or Submitted → Rejected.
/// Rejected is final for that version; to rework it, copy it into a new draft (its content stays as it was reviewed).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RulesetVersionStatus>))]
public enum RulesetVersionStatus
{
    Draft,
    Submitted,
    Approved,
    Active,
    Retired,
    Rejected,
}
