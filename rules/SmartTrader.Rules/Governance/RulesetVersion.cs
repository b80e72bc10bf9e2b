using System.Collections.Immutable;

namespace SmartTrader.Rules.Governance;

/// <summary>
/// The header of one version of a ruleset: its status, its content's hash, and who did what when. The content itself
/// is stored apart, addressed by <see cref="ContentHash"/>; it can change only while the version is a draft.
/// </summary>
public sealed record RulesetVersion
{
    public required int Number { get; init; }

    public required RulesetVersionStatus Status { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the canonical rules document; see <see cref="RulesetContent"/>.</summary>
    public required string ContentHash { get; init; }

    public required string Author { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The version this draft started as a copy of, if any.</summary>
    public int? CopiedFrom { get; init; }

    /// <summary>Users other than the author who changed the draft. None of them may approve it.</summary>
    public ImmutableArray<string> Editors { get; init; } = [];

    public string? SubmittedBy { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }

    public string? ApprovedBy { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }

    public string? RejectedBy { get; init; }
    public DateTimeOffset? RejectedAt { get; init; }
    public string? RejectionReason { get; init; }

    /// <summary>Who made it active most recently, and when.</summary>
    public string? ActivatedBy { get; init; }
    public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>Which activation of the ruleset (1, 2, ...) last made this version active; orders past activations.</summary>
    public long? ActivationSequence { get; init; }

    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>True when <paramref name="userName"/> wrote, edited or submitted this version.</summary>
    public bool IsContributor(string userName) =>
        Same(Author, userName) || Same(SubmittedBy, userName) || Editors.Any(e => Same(e, userName));

    private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
