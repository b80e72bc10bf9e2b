using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Rules.Governance;
using SmartTrader.Rules.Model;
using SmartTrader.Runtime;
using SmartTrader.Trading.Rulesets;
using SmartTrader.Trading.Tests.Grains;
using static SmartTrader.Trading.Tests.Rulesets.RulesetSamples;

namespace SmartTrader.Trading.Tests.Rulesets;

public sealed class RulesetGrainTests
{
    [Fact]
    public async Task A_draft_is_submitted_approved_by_someone_else_activated_and_published()
    {
        var activations = new RecordingActivations();
        await using var silo = await TradingSilo.StartAsync(services: s => s.AddSingleton<IRulesetActivations>(activations));
        var ruleset = silo.Ruleset("limits");

        var draft = await ruleset.CreateDraft(Document(1000), Alice);
        await ruleset.Submit(1, Alice);
        await ruleset.Approve(1, Bob, "Matches the policy.");
        var active = await ruleset.Activate(1, Bob, null);

        draft.Version.Status.Should().Be(RulesetVersionStatus.Draft);
        active.Status.Should().Be(RulesetVersionStatus.Active);
        var published = activations.Published.Should().ContainSingle().Subject;
        published.Should().Be(await ruleset.GetActive());
        published.Version.Should().Be(1);
        published.ContentHash.Should().Be(RulesetContent.HashOf(published.Content));
        RulesDocument.Parse(published.Content)[0].Rules[0].Expression.Should().Be("order.Quantity <= 1000");

        var history = await History.AllAsync(ruleset);
        history.Select(e => (e.Sequence, e.Action, e.Actor)).Should().Equal(
            (4, RulesetAction.Activated, "bob"), (3, RulesetAction.Approved, "bob"), (2, RulesetAction.Submitted, "alice"), (1, RulesetAction.Created, "alice"));
        history[1].Reason.Should().Be("Matches the policy.");
        history[0].At.Should().Be(silo.Clock.GetUtcNow());
    }

    [Fact]
    public async Task The_author_cannot_approve_and_the_refusal_changes_nothing()
    {
        await using var silo = await TradingSilo.StartAsync();
        var ruleset = silo.Ruleset("limits");
        await ruleset.CreateDraft(Document(), Alice);
        await ruleset.Submit(1, Alice);

        var refusal = await FluentActions.Awaiting(() => ruleset.Approve(1, Alice, null)).Should().ThrowAsync<RulesetGovernanceException>();

        refusal.Which.Kind.Should().Be(GovernanceErrorKind.Forbidden);
        (await ruleset.Get())!.Get(1).Status.Should().Be(RulesetVersionStatus.Submitted);
        (await History.AllAsync(ruleset)).Should().HaveCount(2, "a refused request is not an event of the ruleset");
    }

    [Fact]
    public async Task An_edit_is_audited_with_what_changed_and_makes_the_editor_ineligible_to_approve()
    {
        await using var silo = await TradingSilo.StartAsync();
        var ruleset = silo.Ruleset("limits");
        await ruleset.CreateDraft(Document(1000), Alice);

        var updated = await ruleset.UpdateDraft(1, Document(500), Bob);
        await ruleset.Submit(1, Alice);

        updated.Version.Editors.Should().Equal("bob");
        RulesDocument.Parse(updated.Content)[0].Rules[0].Expression.Should().Be("order.Quantity <= 500");
        var entry = (await ruleset.GetHistory(null, 10)).Entries.Single(e => e.Action == RulesetAction.Updated);
        entry.Actor.Should().Be("bob");
        entry.Changes.Should().Equal("Orders/MaxQuantity: Expression, ErrorMessage changed");
        entry.ContentHash.Should().Be(updated.Version.ContentHash);
        (await FluentActions.Awaiting(() => ruleset.Approve(1, Bob, null)).Should().ThrowAsync<RulesetGovernanceException>())
            .Which.Kind.Should().Be(GovernanceErrorKind.Forbidden);
        (await ruleset.Approve(1, Carol, null)).ApprovedBy.Should().Be("carol");
    }

    [Fact]
    public async Task A_submitted_versions_content_can_no_longer_change()
    {
        await using var silo = await TradingSilo.StartAsync();
        var ruleset = silo.Ruleset("limits");
        var draft = await ruleset.CreateDraft(Document(1000), Alice);
        await ruleset.Submit(1, Alice);

        (await FluentActions.Awaiting(() => ruleset.UpdateDraft(1, Document(5), Alice)).Should().ThrowAsync<RulesetGovernanceException>())
            .Which.Kind.Should().Be(GovernanceErrorKind.IllegalTransition);

        (await ruleset.GetVersion(1))!.Content.Should().Be(draft.Content);
    }

    [Fact]
    public async Task Content_that_is_not_a_rules_document_is_refused_with_its_position_and_nothing_is_recorded()
    {
        await using var silo = await TradingSilo.StartAsync();
        var ruleset = silo.Ruleset("limits");

        var error = await FluentActions.Awaiting(() => ruleset.CreateDraft("[ { \"WorkflowName\": \"A\",\n  \"Rules\": [ { \"RuleName\": } ] } ]", Alice))
            .Should().ThrowAsync<RulesDocumentException>();

        error.Which.Line.Should().Be(2);
        (await ruleset.Get()).Should().BeNull();
        (await ruleset.GetHistory(null, 10)).Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task A_rejected_version_is_reworked_as_a_copy()
    {
        await using var silo = await TradingSilo.StartAsync();
        var ruleset = silo.Ruleset("limits");
        await ruleset.CreateDraft(Document(), Alice);
        await ruleset.Submit(1, Alice);

        var rejected = await ruleset.Reject(1, Bob, "Cite the policy.");
        var copy = await ruleset.CopyToDraft(1, Alice);

        rejected.Status.Should().Be(RulesetVersionStatus.Rejected);
        copy.Version.Number.Should().Be(2);
        copy.Version.CopiedFrom.Should().Be(1);
        copy.Version.ContentHash.Should().Be(rejected.ContentHash);
        copy.Content.Should().Be((await ruleset.GetVersion(1))!.Content);
        (await ruleset.GetHistory(null, 1)).Entries.Single().Changes.Should().Equal("copy of version 1");
    }

    [Fact]
    public async Task Activating_retires_the_previous_version_and_a_roll_back_brings_it_back()
    {
        var activations = new RecordingActivations();
        await using var silo = await TradingSilo.StartAsync(services: s => s.AddSingleton<IRulesetActivations>(activations));
        var ruleset = silo.Ruleset("limits");
        await ruleset.Activate(await ruleset.ApprovedVersionAsync(1000), Bob, null);
        await ruleset.Activate(await ruleset.ApprovedVersionAsync(10), Bob, null);

        var back = await ruleset.Rollback(null, Carol, "10 blocks real orders");

        back.Number.Should().Be(1);
        var headers = (await ruleset.Get())!;
        headers.Get(1).Status.Should().Be(RulesetVersionStatus.Active);
        headers.Get(2).Status.Should().Be(RulesetVersionStatus.Retired);
        activations.Published.Select(a => a.Version).Should().Equal(1, 2, 1);
        var entry = (await ruleset.GetHistory(null, 1)).Entries.Single();
        entry.Action.Should().Be(RulesetAction.RolledBack);
        entry.Reason.Should().Be("10 blocks real orders");
        entry.Changes.Should().Equal("activated version 1", "retired version 2");
    }

    [Fact]
    public async Task A_committed_activation_stands_when_publishing_to_the_gate_fails()
    {
        await using var silo = await TradingSilo.StartAsync(services: s => s.AddSingleton<IRulesetActivations, FailingActivations>());
        var ruleset = silo.Ruleset("limits");

        var active = await ruleset.Activate(await ruleset.ApprovedVersionAsync(), Bob, null);

        active.Status.Should().Be(RulesetVersionStatus.Active);
        (await ruleset.GetActive())!.Version.Should().Be(1);
    }

    [Fact]
    public async Task Seeding_fills_an_empty_ruleset_once()
    {
        var activations = new RecordingActivations();
        await using var silo = await TradingSilo.StartAsync(services: s => s.AddSingleton<IRulesetActivations>(activations));
        var ruleset = silo.Ruleset("pre-trade");

        var seeded = await ruleset.SeedIfEmpty(Document(1000), "rulesets/pre-trade.json");
        var again = await ruleset.SeedIfEmpty(Document(5), "rulesets/pre-trade.json");

        seeded!.Version.Should().Be(1);
        again.Should().Be(seeded);
        var version = (await ruleset.Get())!.Versions.Should().ContainSingle().Subject;
        version.Status.Should().Be(RulesetVersionStatus.Active);
        version.Author.Should().Be("system");
        var entry = (await History.AllAsync(ruleset)).Should().ContainSingle().Subject;
        entry.Action.Should().Be(RulesetAction.Seeded);
        entry.Changes.Should().Equal("seeded from rulesets/pre-trade.json");
        activations.Published.Should().ContainSingle().Which.Should().Be(seeded);
    }

    [Fact]
    public async Task Without_a_schema_a_draft_is_only_checked_to_be_a_rules_document()
    {
        await using var silo = await TradingSilo.StartAsync();
        var ruleset = silo.Ruleset("no-schema");
        await ruleset.CreateDraft("""{ "WorkflowName": "W", "Rules": [ { "RuleName": "R", "Expression": "this is not C#" } ] }""", Alice);

        (await ruleset.Submit(1, Alice)).Status.Should().Be(RulesetVersionStatus.Submitted);
    }

    [Fact]
    public async Task The_audit_trail_pages_out_of_the_state_row_and_reads_back_whole_and_in_order()
    {
        var storage = new MemoryGrainStorage();
        await using var silo = await TradingSilo.StartAsync(storage: storage);
        var ruleset = silo.Ruleset("busy");
        await ruleset.CreateDraft(Document(0), Alice);
        for (var limit = 1; limit <= 70; limit++) await ruleset.UpdateDraft(1, Document(limit), Alice);

        var history = await History.AllAsync(ruleset, pageSize: 9);

        history.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 71).Reverse().Select(i => (long)i));
        history[0].Changes.Should().Equal("Orders/MaxQuantity: Expression, ErrorMessage changed");
        var row = await storage.ReadAsync(new GrainStateKey(RulesetGrain.TypeName, "busy", RulesetGrain.StateName));
        JsonDocument.Parse(row!.Payload).RootElement.GetProperty("auditTail").GetArrayLength().Should().Be(71 - 2 * RulesetGrain.AuditPageSize);
        (await ruleset.GetHistory(before: 40, limit: 3)).Entries.Select(e => e.Sequence).Should().Equal(39, 38, 37);
        (await ruleset.GetHistory(before: 2, limit: 3)).Should().Match<RulesetHistoryPage>(p => p.Entries.Length == 1 && p.Next == null);
    }

    [Fact]
    public async Task Rulesets_are_listed_from_storage_with_their_versions()
    {
        await using var silo = await TradingSilo.StartAsync();
        await silo.Ruleset("b-limits").ApprovedVersionAsync();
        var a = silo.Ruleset("a-limits");
        await a.Activate(await a.ApprovedVersionAsync(), Bob, null);
        await a.CreateDraft(Document(7), Alice);

        var page = await silo.Services.GetRequiredService<RulesetListing>().ListAsync(null, 10, CancellationToken.None);

        page.Rulesets.Select(r => r.Name).Should().Equal("a-limits", "b-limits");
        page.Rulesets[0].Should().Match<RulesetSummary>(r => r.ActiveVersion == 1 && r.LatestVersion == 2);
        page.Rulesets[0].Versions.Select(v => v.Status).Should().Equal(RulesetVersionStatus.Active, RulesetVersionStatus.Draft);
        page.Rulesets[1].ActiveVersion.Should().BeNull();
        page.Next.Should().BeNull();
    }

    [Fact]
    public async Task A_ruleset_name_that_could_not_key_its_rows_is_refused()
    {
        await using var silo = await TradingSilo.StartAsync();

        (await FluentActions.Awaiting(() => silo.Ruleset("a/b").CreateDraft(Document(), Alice)).Should().ThrowAsync<RulesetGovernanceException>())
            .Which.Kind.Should().Be(GovernanceErrorKind.InvalidRequest);
    }
}
