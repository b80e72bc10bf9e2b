using SmartTrader.Rules.Governance;
using SmartTrader.Runtime;
using SmartTrader.TestSupport;
using SmartTrader.Trading.Rulesets;
using SmartTrader.Trading.Tests.Grains;
using static SmartTrader.Trading.Tests.Rulesets.RulesetSamples;

namespace SmartTrader.Trading.Tests.Rulesets;

/// <summary>The ruleset grain on the real providers: what it acknowledges is in storage, audit entry included.</summary>
public sealed class RulesetDurabilityTests(StorageDatabases databases) : IClassFixture<StorageDatabases>
{
    [Theory]
    [MemberData(nameof(StorageKinds.Both), MemberType = typeof(StorageKinds))]
    public async Task An_approval_and_the_whole_audit_trail_survive_a_restart(StorageKind kind)
    {
        var name = $"durable-{kind}".ToLowerInvariant();
        var clock = new ManualTimeProvider();
        await using (var storage = databases.Open(kind))
        await using (var silo = await TradingSilo.StartAsync(storage: storage, clock: clock))
        {
            var ruleset = silo.Ruleset(name);
            await ruleset.CreateDraft(Document(0), Alice);
            for (var limit = 1; limit <= RulesetGrain.AuditPageSize; limit++) await ruleset.UpdateDraft(1, Document(limit), Alice);
            await ruleset.UpdateDraft(1, Document(999), Bob);
            await ruleset.Submit(1, Alice);
            await ruleset.Approve(1, Carol, "ok");
        }

        await using var reopened = databases.Open(kind);
        await using var restarted = await TradingSilo.StartAsync(storage: reopened, clock: clock);
        var again = restarted.Ruleset(name);

        var version = (await again.Get())!.Get(1);
        version.Status.Should().Be(RulesetVersionStatus.Approved);
        version.ApprovedBy.Should().Be("carol");
        version.Editors.Should().Equal("bob");
        var history = await History.AllAsync(again, pageSize: 7);
        var total = RulesetGrain.AuditPageSize + 4;
        history.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, total).Reverse().Select(i => (long)i));
        history.Take(3).Select(e => (e.Action, e.Actor)).Should().Equal(
            (RulesetAction.Approved, "carol"), (RulesetAction.Submitted, "alice"), (RulesetAction.Updated, "bob"));
        history[^1].Action.Should().Be(RulesetAction.Created);
        (await again.Activate(1, Alice, null)).Status.Should().Be(RulesetVersionStatus.Active);
        (await again.GetActive())!.Content.Should().Contain("order.Quantity <= 999");
    }

    [Theory]
    [MemberData(nameof(StorageKinds.Both), MemberType = typeof(StorageKinds))]
    public async Task A_write_that_loses_a_race_fails_whole_and_no_committed_audit_entry_is_lost(StorageKind kind)
    {
        var name = $"race-{kind}".ToLowerInvariant();
        await using var storageA = databases.Open(kind);
        await using var storageB = databases.Open(kind);
        await using var siloA = await TradingSilo.StartAsync(storage: storageA);
        await using var siloB = await TradingSilo.StartAsync(storage: storageB);
        var onA = siloA.Ruleset(name);
        var onB = siloB.Ruleset(name);
        await onA.CreateDraft(Document(0), Alice);
        for (var limit = 1; limit < RulesetGrain.AuditPageSize - 1; limit++) await onA.UpdateDraft(1, Document(limit), Alice);

        // B reads, A commits, B's write from the older version fails.
        await onB.Get();
        await onA.UpdateDraft(1, Document(100), Alice);
        await FluentActions.Awaiting(() => onB.UpdateDraft(1, Document(200), Bob)).Should().ThrowAsync<InconsistentStateException>();

        // The same at a page boundary: A seals the full page and commits; B seals the same page again, then loses.
        (await History.AllAsync(onB)).Should().HaveCount(RulesetGrain.AuditPageSize);
        await onA.UpdateDraft(1, Document(101), Alice);
        await FluentActions.Awaiting(() => onB.UpdateDraft(1, Document(201), Bob)).Should().ThrowAsync<InconsistentStateException>();

        var last = await onB.UpdateDraft(1, Document(202), Bob);

        last.Content.Should().Contain("order.Quantity <= 202");
        // A's activation now holds an old version, as B's did; a fresh silo reads what is committed.
        await using var storageC = databases.Open(kind);
        await using var siloC = await TradingSilo.StartAsync(storage: storageC);
        var onC = siloC.Ruleset(name);
        var history = await History.AllAsync(onC);
        var committed = RulesetGrain.AuditPageSize + 2;
        history.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, committed).Reverse().Select(i => (long)i), "every acknowledged change has its entry, once");
        history.Take(3).Select(e => e.Actor).Should().Equal("bob", "alice", "alice");
        history.Should().NotContain(e => e.Actor == "bob" && e.Sequence != committed, "B's failed attempts left nothing behind");
        (await onC.GetVersion(1))!.Content.Should().Be(last.Content);
    }
}
