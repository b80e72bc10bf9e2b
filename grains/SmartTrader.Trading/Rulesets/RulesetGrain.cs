using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Diff;
using SmartTrader.Rules.Governance;
using SmartTrader.Rules.Model;
using SmartTrader.Runtime;

namespace SmartTrader.Trading.Rulesets;

/// <summary>
/// The writer of record for one ruleset. Each request is decided by <see cref="RulesetLifecycle"/>; the new headers and
/// the request's audit entry are then written in one state write, and only after it commits does the call return (and,
/// for an activation, the new version get published to the silo's pre-trade gate).
/// <para>
/// Content is validated with <see cref="RulesCompiler.Validate"/> against the inputs <see cref="IRulesetSchemas"/> gives
/// for the ruleset before it is submitted, approved or activated. A ruleset without a schema cannot be compiled without
/// sample inputs, so for it the check is that the content parses as a rules document (which it did when stored).
/// </para>
/// </summary>
[GrainType(TypeName)]
public sealed partial class RulesetGrain(
    [PersistentState(RulesetGrain.StateName)] IPersistentState<RulesetState> state,
    RulesCompiler compiler,
    ILogger<RulesetGrain> logger,
    IRulesetSchemas? schemas = null,
    IRulesetActivations? activations = null)
    : Grain, IRulesetGrain
{
    /// <summary>Name its storage rows; <see cref="RulesetListing"/> queries them.</summary>
    public const string TypeName = "ruleset";
    public const string StateName = "ruleset";

    /// <summary>Audit entries per sealed page; the state row holds at most this many.</summary>
    public const int AuditPageSize = 32;

    private Ruleset Ruleset => state.State.Ruleset ?? Ruleset.Empty(Key);

    public async Task<ActiveRuleset?> GetActive() =>
        Ruleset.Active is { } active ? new ActiveRuleset(Key, active.Number, active.ContentHash, await ContentOf(active)) : null;

    public async Task<ActiveRuleset?> SeedIfEmpty(string content, string source)
    {
        if (!Ruleset.Versions.IsEmpty) return await GetActive();
        RulesetNames.Require(Key);
        var parsed = RulesetContent.Parse(content);
        var change = RulesetLifecycle.Seed(Ruleset, parsed.Hash, source, Time.GetUtcNow());
        await Store(parsed);
        await Commit(change);
        return await PublishActive();
    }

    public Task<Ruleset?> Get() => Task.FromResult(state.State.Ruleset is { Versions.IsEmpty: false } ruleset ? ruleset : null);

    public async Task<RulesetVersionContent?> GetVersion(int version) =>
        Ruleset.Find(version) is { } found ? new RulesetVersionContent(Key, found, await ContentOf(found)) : null;

    public async Task<RulesetVersionContent> CreateDraft(string content, GovernanceActor author)
    {
        RulesetNames.Require(Key);
        var parsed = RulesetContent.Parse(content);
        var change = RulesetLifecycle.CreateDraft(Ruleset, author, parsed.Hash, null, await ChangesFromBase(parsed), Time.GetUtcNow());
        await Store(parsed);
        await Commit(change);
        return new RulesetVersionContent(Key, change.Version, parsed.Json);
    }

    public async Task<RulesetVersionContent> CopyToDraft(int version, GovernanceActor author)
    {
        RulesetNames.Require(Key);
        var source = Ruleset.Get(version);
        var change = RulesetLifecycle.CreateDraft(Ruleset, author, source.ContentHash, version, [$"copy of version {version}"], Time.GetUtcNow());
        await Commit(change);
        return new RulesetVersionContent(Key, change.Version, await ContentOf(source));
    }

    public async Task<RulesetVersionContent> UpdateDraft(int version, string content, GovernanceActor editor)
    {
        var parsed = RulesetContent.Parse(content);
        var current = Ruleset.Get(version);
        // Stored content is already canonical: reading its workflows needs no re-serialising and hashing.
        var previous = RulesDocument.Parse(await ContentOf(current));
        var changes = RulesDiffer.Compare(previous, parsed.Workflows).Summary();
        var change = RulesetLifecycle.UpdateDraft(Ruleset, version, editor, parsed.Hash, changes.Count == 0 ? ["no change to the rules"] : changes, Time.GetUtcNow());
        await Store(parsed);
        await Commit(change);
        return new RulesetVersionContent(Key, change.Version, parsed.Json);
    }

    public async Task<RulesetVersion> Submit(int version, GovernanceActor actor)
    {
        var now = Time.GetUtcNow();
        var change = await Validated(problems => RulesetLifecycle.Submit(Ruleset, version, actor, problems, now));
        return (await Commit(change)).Version;
    }

    public async Task<RulesetVersion> Approve(int version, GovernanceActor approver, string? comment)
    {
        var now = Time.GetUtcNow();
        var change = await Validated(problems => RulesetLifecycle.Approve(Ruleset, version, approver, problems, comment, now));
        return (await Commit(change)).Version;
    }

    public async Task<RulesetVersion> Reject(int version, GovernanceActor reviewer, string reason) =>
        (await Commit(RulesetLifecycle.Reject(Ruleset, version, reviewer, reason, Time.GetUtcNow()))).Version;

    public async Task<RulesetVersion> Activate(int version, GovernanceActor actor, string? reason)
    {
        var now = Time.GetUtcNow();
        var change = await Validated(problems => RulesetLifecycle.Activate(Ruleset, version, actor, problems, reason, now));
        await Commit(change);
        await PublishActive();
        return change.Version;
    }

    public async Task<RulesetVersion> Rollback(int? version, GovernanceActor actor, string? reason)
    {
        var now = Time.GetUtcNow();
        var change = await Validated(problems => RulesetLifecycle.Rollback(Ruleset, version, actor, problems, reason, now));
        await Commit(change);
        await PublishActive();
        return change.Version;
    }

    public async Task<RulesetHistoryPage> GetHistory(long? before, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var below = before ?? long.MaxValue;
        var entries = new List<RulesetAuditEntry>(limit);
        bool Take(IEnumerable<RulesetAuditEntry> newestFirst)
        {
            foreach (var entry in newestFirst.Where(e => e.Sequence < below))
            {
                entries.Add(entry);
                if (entries.Count == limit) return false;
            }
            return true;
        }

        var more = Take(Enumerable.Reverse(state.State.AuditTail));
        var lastPage = (int)Math.Min(state.State.SealedAuditPages - 1, (below - 2) / AuditPageSize);
        for (var page = lastPage; more && page >= 0; page--)
            more = Take(Enumerable.Reverse(await AuditPage(page).Get()));

        var next = entries.Count == limit && entries[^1].Sequence > 1 ? entries[^1].Sequence : (long?)null;
        return new RulesetHistoryPage([.. entries], next);
    }

    /// <summary>
    /// Runs the transition once as if the content were valid, so a request refused for its role, status or the
    /// four-eyes rule is refused before anything is compiled, and so it names the version concerned (a roll-back picks
    /// its own); then validates that version's content and decides for real.
    /// </summary>
    private async Task<RulesetChange> Validated(Func<IReadOnlyList<RuleDiagnostic>, RulesetChange> transition)
    {
        var proposed = transition([]);
        return transition(await ProblemsOf(proposed.Version));
    }

    private async Task<IReadOnlyList<RuleDiagnostic>> ProblemsOf(RulesetVersion version)
    {
        if (schemas?.InputsFor(Key) is not { } inputs) return [];
        var document = RulesDocument.Parse(await ContentOf(version));
        var (injected, _) = WorkflowInjections.Resolve(document, name => name == Key ? null : schemas.ActiveWorkflows(name));
        IReadOnlyList<Workflow> workflows = [.. document, .. injected];
        return [.. compiler.Validate(workflows, document.Select(w => w.WorkflowName), inputs), .. SettingProblems(document)];
    }

    /// <summary>Settings (string-literal global params) the pre-trade gate reads, with values they cannot take.</summary>
    private static IEnumerable<RuleDiagnostic> SettingProblems(IReadOnlyList<Workflow> document)
    {
        try
        {
            PreTrade.ComplianceSettings.Of(document);
            return [];
        }
        catch (PreTrade.RulesetSettingsException e)
        {
            var workflow = document.FirstOrDefault(w => w.GlobalParams?.Any(p => p.Name == e.Name) == true)?.WorkflowName ?? "";
            return [new RuleDiagnostic(workflow, null, $"GlobalParams[{e.Name}]", 1, 1, e.Message)];
        }
    }

    /// <summary>What a new draft changes against the active version (else the latest one).</summary>
    private async Task<IReadOnlyList<string>> ChangesFromBase(RulesetContent content)
    {
        if ((Ruleset.Active ?? Ruleset.Latest) is not { } basis)
            return [$"new ruleset: {content.Workflows.Count} workflow(s), {content.Workflows.Sum(w => w.Rules?.Count ?? 0)} top-level rule(s)"];
        var summary = RulesDiffer.Compare(RulesDocument.Parse(await ContentOf(basis)), content.Workflows).Summary();
        return summary.Count == 0 ? [$"same rules as version {basis.Number}"] : [$"against version {basis.Number}:", .. summary];
    }

    /// <summary>
    /// Writes the change and its audit entry in one state write. When the tail of the trail is a full page, the page is
    /// sealed first; should the state write then fail, the next attempt seals the same page again, which is a no-op.
    /// </summary>
    private async Task<RulesetChange> Commit(RulesetChange change)
    {
        var previous = state.State;
        var tail = previous.AuditTail;
        var sealedPages = previous.SealedAuditPages;
        if (tail.Count >= AuditPageSize)
        {
            await AuditPage(sealedPages).Seal([.. tail]);
            tail = [];
            sealedPages++;
        }
        state.State = new RulesetState { Ruleset = change.Ruleset, AuditTail = [.. tail, change.Entry], SealedAuditPages = sealedPages };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The runtime deactivates this activation after a failed write; until then, answer from what is committed.
            state.State = previous;
            throw;
        }
        return change;
    }

    private async Task<ActiveRuleset?> PublishActive()
    {
        var active = await GetActive();
        if (active is null || activations is null) return active;
        try
        {
            activations.Publish(active);
        }
        catch (Exception e)
        {
            // The activation is committed and stays so; the gate reports its own failure to take it up.
            LogPublishFailed(e, Key, active.Version);
        }
        return active;
    }

    private Task Store(RulesetContent content) => ContentGrain(content.Hash).Store(content.Json);

    private async Task<string> ContentOf(RulesetVersion version) =>
        await ContentGrain(version.ContentHash).Get()
        ?? throw new InvalidOperationException($"The content of version {version.Number} of ruleset '{Key}' ({version.ContentHash}) is missing.");

    private IRulesetContentGrain ContentGrain(string hash) => GrainFactory.GetGrain<IRulesetContentGrain>(RulesetContentGrain.KeyOf(Key, hash));

    private IRulesetAuditPageGrain AuditPage(int page) => GrainFactory.GetGrain<IRulesetAuditPageGrain>(RulesetAuditPageGrain.KeyOf(Key, page));

    [LoggerMessage(Level = LogLevel.Error, Message = "Version {Version} of ruleset {Ruleset} is active but could not be published to this silo")]
    private partial void LogPublishFailed(Exception exception, string ruleset, int version);
}
