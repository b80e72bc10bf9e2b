using System.Collections.Immutable;
using SmartTrader.Rules.Compilation;
using static SmartTrader.Rules.Governance.RulesetVersionStatus;

namespace SmartTrader.Rules.Governance;

/// <summary>
/// The governance of a ruleset as pure functions. Each takes the ruleset as committed and returns it changed together
/// with the audit entry recording the change, or throws <see cref="RulesetGovernanceException"/> saying why not.
/// <list type="bullet">
/// <item>Every change needs the compliance role.</item>
/// <item>Only a draft can be updated or submitted, and only when its content validates.</item>
/// <item>Only a submitted version can be approved or rejected. The approver must not have written, edited or submitted
/// it (four-eyes). A rejection needs a reason and is final: copy the version into a new draft to rework it.</item>
/// <item>Only an approved version, or a retired one (which was approved and active before), can be activated; the
/// version active until then is retired in the same change.</item>
/// <item>A roll-back re-activates the version retired most recently, or a named approved or retired one.</item>
/// </list>
/// </summary>
public static class RulesetLifecycle
{
    private const int MaxChangeLines = 50;
    private const int MaxChangeLineLength = 400;

    public static RulesetChange CreateDraft(
        Ruleset ruleset, GovernanceActor actor, string contentHash, int? copiedFrom, IReadOnlyList<string> changes, DateTimeOffset now)
    {
        RequireCompliance(actor, "create a draft");
        if (copiedFrom is { } source) ruleset.Get(source);
        var version = new RulesetVersion
        {
            Number = ruleset.Versions.Length + 1,
            Status = Draft,
            ContentHash = contentHash,
            Author = actor.UserName,
            CreatedAt = now,
            UpdatedAt = now,
            CopiedFrom = copiedFrom,
        };
        return Record(ruleset with { Versions = ruleset.Versions.Add(version) }, actor, RulesetAction.Created, version, now, null, changes);
    }

    public static RulesetChange UpdateDraft(
        Ruleset ruleset, int number, GovernanceActor actor, string contentHash, IReadOnlyList<string> changes, DateTimeOffset now)
    {
        RequireCompliance(actor, "edit a draft");
        var version = ruleset.Get(number);
        RequireStatus(ruleset, version, "updated", Draft);
        var editors = version.IsContributor(actor.UserName) ? version.Editors : version.Editors.Add(actor.UserName);
        var updated = version with { ContentHash = contentHash, UpdatedAt = now, Editors = editors };
        return Record(Replace(ruleset, updated), actor, RulesetAction.Updated, updated, now, null, changes);
    }

    public static RulesetChange Submit(Ruleset ruleset, int number, GovernanceActor actor, IReadOnlyList<RuleDiagnostic> problems, DateTimeOffset now)
    {
        RequireCompliance(actor, "submit a version");
        var version = ruleset.Get(number);
        RequireStatus(ruleset, version, "submitted", Draft);
        RequireValid(ruleset, version, problems, "submitted");
        var submitted = version with { Status = Submitted, SubmittedBy = actor.UserName, SubmittedAt = now, UpdatedAt = now };
        return Record(Replace(ruleset, submitted), actor, RulesetAction.Submitted, submitted, now, null, []);
    }

    public static RulesetChange Approve(
        Ruleset ruleset, int number, GovernanceActor actor, IReadOnlyList<RuleDiagnostic> problems, string? comment, DateTimeOffset now)
    {
        RequireCompliance(actor, "approve a version");
        var version = ruleset.Get(number);
        RequireStatus(ruleset, version, "approved", Submitted);
        if (version.IsContributor(actor.UserName))
            throw new RulesetGovernanceException(GovernanceErrorKind.Forbidden,
                $"{actor.UserName} wrote, edited or submitted version {number} of ruleset '{ruleset.Name}', so cannot approve it: " +
                "another member of compliance must (four-eyes rule).");
        RequireValid(ruleset, version, problems, "approved");
        var approved = version with { Status = Approved, ApprovedBy = actor.UserName, ApprovedAt = now, UpdatedAt = now };
        return Record(Replace(ruleset, approved), actor, RulesetAction.Approved, approved, now, Trimmed(comment), []);
    }

    public static RulesetChange Reject(Ruleset ruleset, int number, GovernanceActor actor, string? reason, DateTimeOffset now)
    {
        RequireCompliance(actor, "reject a version");
        if (string.IsNullOrWhiteSpace(reason))
            throw new RulesetGovernanceException(GovernanceErrorKind.InvalidRequest, "A rejection needs a reason, so the author knows what to change.");
        var version = ruleset.Get(number);
        RequireStatus(ruleset, version, "rejected", Submitted);
        var rejected = version with
        {
            Status = Rejected, RejectedBy = actor.UserName, RejectedAt = now, RejectionReason = reason.Trim(), UpdatedAt = now,
        };
        return Record(Replace(ruleset, rejected), actor, RulesetAction.Rejected, rejected, now, reason.Trim(), []);
    }

    public static RulesetChange Activate(
        Ruleset ruleset, int number, GovernanceActor actor, IReadOnlyList<RuleDiagnostic> problems, string? reason, DateTimeOffset now)
    {
        RequireCompliance(actor, "activate a version");
        return Activation(ruleset, number, actor, problems, reason, now, RulesetAction.Activated);
    }

    /// <summary>
    /// The version a roll-back would activate: <paramref name="named"/> when given, else the version retired most
    /// recently (the one active just before the current one).
    /// </summary>
    public static int RollbackTarget(Ruleset ruleset, int? named)
    {
        var active = ruleset.Active
            ?? throw new RulesetGovernanceException(GovernanceErrorKind.IllegalTransition,
                $"Ruleset '{ruleset.Name}' has no active version to roll back from; activate a version instead.");
        if (named is { } number)
        {
            var version = ruleset.Get(number);
            if (version.Number == active.Number)
                throw new RulesetGovernanceException(GovernanceErrorKind.IllegalTransition, $"Version {number} of ruleset '{ruleset.Name}' is already active.");
            RequireStatus(ruleset, version, "rolled back to", Approved, Retired);
            return number;
        }
        var previous = ruleset.Versions.Where(v => v.Status == Retired).MaxBy(v => v.ActivationSequence)
            ?? throw new RulesetGovernanceException(GovernanceErrorKind.IllegalTransition,
                $"Ruleset '{ruleset.Name}' has no previously active version to roll back to.");
        return previous.Number;
    }

    public static RulesetChange Rollback(
        Ruleset ruleset, int? named, GovernanceActor actor, IReadOnlyList<RuleDiagnostic> problems, string? reason, DateTimeOffset now)
    {
        RequireCompliance(actor, "roll back a ruleset");
        return Activation(ruleset, RollbackTarget(ruleset, named), actor, problems, reason, now, RulesetAction.RolledBack);
    }

    /// <summary>Start-up bootstrap of an empty ruleset: version 1, approved and active, by the system.</summary>
    public static RulesetChange Seed(Ruleset ruleset, string contentHash, string source, DateTimeOffset now)
    {
        if (!ruleset.Versions.IsEmpty)
            throw new RulesetGovernanceException(GovernanceErrorKind.IllegalTransition,
                $"Ruleset '{ruleset.Name}' already has versions; only an empty ruleset is seeded.");
        var system = GovernanceActor.System;
        var version = new RulesetVersion
        {
            Number = 1,
            Status = Active,
            ContentHash = contentHash,
            Author = system.UserName,
            CreatedAt = now,
            UpdatedAt = now,
            ApprovedBy = system.UserName,
            ApprovedAt = now,
            ActivatedBy = system.UserName,
            ActivatedAt = now,
            ActivationSequence = 1,
        };
        return Record(ruleset with { Versions = [version], Activations = 1 }, system, RulesetAction.Seeded, version, now, null, [$"seeded from {source}"]);
    }

    private static RulesetChange Activation(
        Ruleset ruleset, int number, GovernanceActor actor, IReadOnlyList<RuleDiagnostic> problems, string? reason, DateTimeOffset now,
        RulesetAction action)
    {
        var version = ruleset.Get(number);
        if (version.Status == Active)
            throw new RulesetGovernanceException(GovernanceErrorKind.IllegalTransition, $"Version {number} of ruleset '{ruleset.Name}' is already active.");
        RequireStatus(ruleset, version, "activated", Approved, Retired);
        RequireValid(ruleset, version, problems, "activated");

        var sequence = ruleset.Activations + 1;
        var activated = version with
        {
            Status = Active, ActivatedBy = actor.UserName, ActivatedAt = now, ActivationSequence = sequence, RetiredAt = null, UpdatedAt = now,
        };
        var changed = Replace(ruleset, activated) with { Activations = sequence };
        var changes = new List<string> { $"activated version {number}" };
        if (ruleset.Active is { } previous)
        {
            changed = Replace(changed, previous with { Status = Retired, RetiredAt = now, UpdatedAt = now });
            changes.Add($"retired version {previous.Number}");
        }
        return Record(changed, actor, action, activated, now, Trimmed(reason), changes);
    }

    private static void RequireCompliance(GovernanceActor actor, string what)
    {
        if (string.IsNullOrWhiteSpace(actor.UserName))
            throw new RulesetGovernanceException(GovernanceErrorKind.InvalidRequest, "The request names no user.");
        if (!actor.IsCompliance)
            throw new RulesetGovernanceException(GovernanceErrorKind.Forbidden,
                $"Only compliance staff may {what}; {actor.UserName} does not have the {GovernanceActor.ComplianceRole} role.");
    }

    private static void RequireStatus(Ruleset ruleset, RulesetVersion version, string verb, params RulesetVersionStatus[] allowed)
    {
        if (allowed.Contains(version.Status)) return;
        var which = string.Join(" or ", allowed.Select(Adjective));
        throw new RulesetGovernanceException(GovernanceErrorKind.IllegalTransition,
            $"Version {version.Number} of ruleset '{ruleset.Name}' is {Adjective(version.Status)}; only {Article(which)} {which} version can be {verb}.");
    }

    private static void RequireValid(Ruleset ruleset, RulesetVersion version, IReadOnlyList<RuleDiagnostic> problems, string verb)
    {
        if (problems.Count == 0) return;
        throw new RulesetGovernanceException(GovernanceErrorKind.InvalidRules,
            $"Version {version.Number} of ruleset '{ruleset.Name}' does not validate ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}), " +
            $"so it cannot be {verb}. First: {problems[0]}", problems);
    }

    private static string Adjective(RulesetVersionStatus status) => status.ToString().ToLowerInvariant();

    private static string Article(string word) => "aeiou".Contains(word[0]) ? "an" : "a";

    private static Ruleset Replace(Ruleset ruleset, RulesetVersion version) =>
        ruleset with { Versions = ruleset.Versions.SetItem(version.Number - 1, version) };

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static RulesetChange Record(
        Ruleset ruleset, GovernanceActor actor, RulesetAction action, RulesetVersion version, DateTimeOffset now, string? reason,
        IReadOnlyList<string> changes)
    {
        var sequence = ruleset.AuditSequence + 1;
        var entry = new RulesetAuditEntry(sequence, now, actor.UserName, action, version.Number, reason, version.ContentHash, Bounded(changes));
        return new RulesetChange(ruleset with { AuditSequence = sequence }, entry);
    }

    /// <summary>Audit entries stay small: at most 50 lines of at most 400 characters, with a note of what was left out.</summary>
    private static ImmutableArray<string> Bounded(IReadOnlyList<string> changes)
    {
        var lines = changes.Take(MaxChangeLines)
            .Select(line => line.Length <= MaxChangeLineLength ? line : line[..(MaxChangeLineLength - 1)] + "…")
            .ToImmutableArray();
        return changes.Count > MaxChangeLines ? lines.Add($"… and {changes.Count - MaxChangeLines} more changes") : lines;
    }
}
