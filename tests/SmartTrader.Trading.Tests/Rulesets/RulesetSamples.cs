using System.Collections.Concurrent;
using System.Collections.Immutable;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Governance;
using SmartTrader.Trading.Rulesets;
using SmartTrader.Trading.Tests.Grains;

namespace SmartTrader.Trading.Tests.Rulesets;

internal static class RulesetSamples
{
    public static readonly GovernanceActor Alice = new("alice", ["compliance"]);
    public static readonly GovernanceActor Bob = new("bob", ["compliance"]);
    public static readonly GovernanceActor Carol = new("carol", ["compliance"]);
    public static readonly GovernanceActor Trader = new("tom", ["trader"]);

    /// <summary>A rules document whose MaxQuantity limit is <paramref name="limit"/>.</summary>
    public static string Document(int limit = 1000) => $$"""
        [ { "WorkflowName": "Orders",
            "Rules": [ { "RuleName": "MaxQuantity", "Expression": "order.Quantity <= {{limit}}",
                         "ErrorMessage": "At most {{limit}} shares per order.", "Properties": { "Severity": "Block" } } ] } ]
        """;

    public static IRulesetGrain Ruleset(this TradingSilo silo, string name) => silo.Grains.GetGrain<IRulesetGrain>(name);

    /// <summary>Drafts by Alice, submits, and has Bob approve: version <c>n</c> ends approved.</summary>
    public static async Task<int> ApprovedVersionAsync(this IRulesetGrain ruleset, int limit = 1000)
    {
        var draft = await ruleset.CreateDraft(Document(limit), Alice);
        await ruleset.Submit(draft.Version.Number, Alice);
        await ruleset.Approve(draft.Version.Number, Bob, null);
        return draft.Version.Number;
    }
}

internal sealed class RecordingActivations : IRulesetActivations
{
    public ConcurrentQueue<ActiveRuleset> Published { get; } = new();

    public void Publish(ActiveRuleset active) => Published.Enqueue(active);
}

internal sealed class FailingActivations : IRulesetActivations
{
    public void Publish(ActiveRuleset active) => throw new InvalidOperationException("The gate is down.");
}

internal sealed class FixedSchemas(string ruleset, IReadOnlyList<RuleInput> inputs) : IRulesetSchemas
{
    public IReadOnlyList<RuleInput>? InputsFor(string name) => name == ruleset ? inputs : null;

    public IReadOnlyList<SmartTrader.Rules.Model.Workflow>? ActiveWorkflows(string name) => null;
}

internal static class History
{
    /// <summary>The whole audit trail, newest first, read page by page.</summary>
    public static async Task<ImmutableArray<SmartTrader.Rules.Governance.RulesetAuditEntry>> AllAsync(IRulesetGrain ruleset, int pageSize = 10)
    {
        var entries = ImmutableArray.CreateBuilder<SmartTrader.Rules.Governance.RulesetAuditEntry>();
        long? before = null;
        do
        {
            var page = await ruleset.GetHistory(before, pageSize);
            entries.AddRange(page.Entries);
            before = page.Next;
        } while (before is not null);
        return entries.ToImmutable();
    }
}
