using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace SmartTrader.Rules.Governance;

/// <summary>A named ruleset: its versions, numbered 1, 2, ... in creation order, and the counters that order its history.</summary>
public sealed record Ruleset
{
    public required string Name { get; init; }

    public ImmutableArray<RulesetVersion> Versions { get; init; } = [];

    /// <summary>How many activations (including roll-backs) there have been.</summary>
    public long Activations { get; init; }

    /// <summary>Sequence number of the last audit entry.</summary>
    public long AuditSequence { get; init; }

    [JsonIgnore]
    public RulesetVersion? Active => Versions.FirstOrDefault(v => v.Status == RulesetVersionStatus.Active);

    [JsonIgnore]
    public RulesetVersion? Latest => Versions.IsDefaultOrEmpty ? null : Versions[^1];

    public static Ruleset Empty(string name) => new() { Name = name };

    public RulesetVersion? Find(int number) => number >= 1 && number <= Versions.Length ? Versions[number - 1] : null;

    public RulesetVersion Get(int number) =>
        Find(number) ?? throw new RulesetGovernanceException(GovernanceErrorKind.NotFound, $"Ruleset '{Name}' has no version {number}.");
}
