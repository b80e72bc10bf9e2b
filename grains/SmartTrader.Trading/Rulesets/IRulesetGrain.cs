using SmartTrader.Rules.Governance;
using SmartTrader.Runtime;

namespace SmartTrader.Trading.Rulesets;

/// <summary>
/// Key: ruleset name (the shipped pre-trade gate reads "pre-trade"). Owns the ruleset's versions and their
/// governance: draft, submitted, approved, active, retired (see <see cref="RulesetLifecycle"/> for the rules).
/// Every change is committed together with its audit entry before the call returns; refusals throw
/// <see cref="RulesetGovernanceException"/>, content that is not a rules document <see cref="Rules.Model.RulesDocumentException"/>.
/// </summary>
public interface IRulesetGrain : IGrainWithStringKey
{
    /// <summary>The active version, or null when none has been activated.</summary>
    Task<ActiveRuleset?> GetActive();

    /// <summary>
    /// Start-up bootstrap: when the ruleset has no versions at all, records <paramref name="content"/> as version 1,
    /// approved and active, authored by the system and audited with <paramref name="source"/>. Otherwise returns the
    /// active version untouched (null when there is none).
    /// </summary>
    Task<ActiveRuleset?> SeedIfEmpty(string content, string source);

    /// <summary>The version headers; null when the ruleset has no versions.</summary>
    Task<Ruleset?> Get();

    /// <summary>One version with its content; null when there is no such version.</summary>
    Task<RulesetVersionContent?> GetVersion(int version);

    /// <summary>A new draft holding <paramref name="content"/> (a rules document); creates the ruleset if need be.</summary>
    Task<RulesetVersionContent> CreateDraft(string content, GovernanceActor author);

    /// <summary>A new draft with the content of <paramref name="version"/>, e.g. to rework a rejected version.</summary>
    Task<RulesetVersionContent> CopyToDraft(int version, GovernanceActor author);

    Task<RulesetVersionContent> UpdateDraft(int version, string content, GovernanceActor editor);

    /// <summary>Submits a draft for approval once its content validates.</summary>
    Task<RulesetVersion> Submit(int version, GovernanceActor actor);

    Task<RulesetVersion> Approve(int version, GovernanceActor approver, string? comment);

    Task<RulesetVersion> Reject(int version, GovernanceActor reviewer, string reason);

    /// <summary>Makes the version active and retires the one active until now; then publishes it to this silo.</summary>
    Task<RulesetVersion> Activate(int version, GovernanceActor actor, string? reason);

    /// <summary>Re-activates the version active before the current one, or <paramref name="version"/> when given.</summary>
    Task<RulesetVersion> Rollback(int? version, GovernanceActor actor, string? reason);

    /// <summary>The audit trail, newest first: entries with a sequence below <paramref name="before"/> (all when null).</summary>
    Task<RulesetHistoryPage> GetHistory(long? before, int limit);
}
