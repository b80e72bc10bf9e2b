using SmartTrader.Rules.Governance;
using static SmartTrader.Rules.Governance.RulesetVersionStatus;
using static SmartTrader.Rules.Tests.Governance.Governance;

namespace SmartTrader.Rules.Tests.Governance;

public sealed class RulesetLifecycleTests
{
    [Fact]
    public void A_draft_goes_through_submission_approval_and_activation_with_one_audit_entry_per_step()
    {
        var created = RulesetLifecycle.CreateDraft(Empty, Alice, HashA, null, ["workflow 'Orders' added"], Now);
        var updated = RulesetLifecycle.UpdateDraft(created.Ruleset, 1, Alice, HashB, ["Orders/Max: Expression changed"], Now.AddMinutes(1));
        var submitted = RulesetLifecycle.Submit(updated.Ruleset, 1, Alice, Clean, Now.AddMinutes(2));
        var approved = RulesetLifecycle.Approve(submitted.Ruleset, 1, Bob, Clean, "Looks right.", Now.AddMinutes(3));
        var activated = RulesetLifecycle.Activate(approved.Ruleset, 1, Bob, Clean, null, Now.AddMinutes(4));

        var version = activated.Ruleset.Get(1);
        version.Status.Should().Be(Active);
        version.ContentHash.Should().Be(HashB);
        version.Author.Should().Be("alice");
        version.SubmittedBy.Should().Be("alice");
        version.ApprovedBy.Should().Be("bob");
        version.ActivatedAt.Should().Be(Now.AddMinutes(4));
        activated.Ruleset.Active.Should().Be(version);

        var entries = new[] { created, updated, submitted, approved, activated }.Select(c => c.Entry).ToList();
        entries.Select(e => e.Sequence).Should().Equal(1, 2, 3, 4, 5);
        entries.Select(e => e.Action).Should().Equal(
            RulesetAction.Created, RulesetAction.Updated, RulesetAction.Submitted, RulesetAction.Approved, RulesetAction.Activated);
        entries.Select(e => e.Actor).Should().Equal("alice", "alice", "alice", "bob", "bob");
        entries[1].Changes.Should().Equal("Orders/Max: Expression changed");
        entries[1].ContentHash.Should().Be(HashB);
        entries[3].Reason.Should().Be("Looks right.");
        activated.Ruleset.AuditSequence.Should().Be(5);
    }

    [Theory]
    [MemberData(nameof(NotDrafts))]
    public void Only_a_draft_can_be_updated(RulesetVersionStatus status)
    {
        var ruleset = WithVersion1(status);

        var error = Refused(() => RulesetLifecycle.UpdateDraft(ruleset, 1, Alice, HashB, [], Now), GovernanceErrorKind.IllegalTransition);

        error.Message.Should().Contain("only a draft version can be updated").And.Contain(status.ToString().ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(NotDrafts))]
    public void Only_a_draft_can_be_submitted(RulesetVersionStatus status) =>
        Refused(() => RulesetLifecycle.Submit(WithVersion1(status), 1, Alice, Clean, Now), GovernanceErrorKind.IllegalTransition);

    [Fact]
    public void A_draft_that_does_not_validate_cannot_be_submitted()
    {
        var error = Refused(() => RulesetLifecycle.Submit(NewDraft(), 1, Alice, Broken, Now), GovernanceErrorKind.InvalidRules);

        error.Diagnostics.Should().Equal(Broken);
        error.Message.Should().Contain("MaxQuantity").And.Contain("(1,7)");
    }

    [Theory]
    [MemberData(nameof(NotSubmitted))]
    public void Only_a_submitted_version_can_be_approved(RulesetVersionStatus status) =>
        Refused(() => RulesetLifecycle.Approve(WithVersion1(status), 1, Carol, Clean, null, Now), GovernanceErrorKind.IllegalTransition);

    [Theory]
    [MemberData(nameof(NotSubmitted))]
    public void Only_a_submitted_version_can_be_rejected(RulesetVersionStatus status) =>
        Refused(() => RulesetLifecycle.Reject(WithVersion1(status), 1, Carol, "No.", Now), GovernanceErrorKind.IllegalTransition);

    [Fact]
    public void The_author_cannot_approve_their_own_version()
    {
        var error = Refused(() => RulesetLifecycle.Approve(NewSubmitted(), 1, Alice, Clean, null, Now), GovernanceErrorKind.Forbidden);

        error.Message.Should().Contain("four-eyes");
    }

    [Fact]
    public void Anyone_who_edited_the_draft_cannot_approve_it()
    {
        var edited = RulesetLifecycle.UpdateDraft(NewDraft(), 1, Bob, HashB, [], Now).Ruleset;
        var submitted = RulesetLifecycle.Submit(edited, 1, Alice, Clean, Now).Ruleset;

        edited.Get(1).Editors.Should().Equal("bob");
        Refused(() => RulesetLifecycle.Approve(submitted, 1, Bob, Clean, null, Now), GovernanceErrorKind.Forbidden);
        RulesetLifecycle.Approve(submitted, 1, Carol, Clean, null, Now).Version.Status.Should().Be(Approved);
    }

    [Fact]
    public void Whoever_submitted_someone_elses_draft_cannot_approve_it()
    {
        var submitted = RulesetLifecycle.Submit(NewDraft(), 1, Bob, Clean, Now).Ruleset;

        Refused(() => RulesetLifecycle.Approve(submitted, 1, Bob, Clean, null, Now), GovernanceErrorKind.Forbidden);
    }

    [Fact]
    public void The_four_eyes_rule_compares_user_names_without_regard_to_case()
    {
        var shouting = new GovernanceActor("ALICE", ["compliance"]);

        Refused(() => RulesetLifecycle.Approve(NewSubmitted(), 1, shouting, Clean, null, Now), GovernanceErrorKind.Forbidden);
    }

    [Fact]
    public void Approval_needs_the_content_to_validate_still()
    {
        Refused(() => RulesetLifecycle.Approve(NewSubmitted(), 1, Bob, Broken, null, Now), GovernanceErrorKind.InvalidRules);
    }

    [Fact]
    public void Every_change_needs_the_compliance_role()
    {
        Refused(() => RulesetLifecycle.CreateDraft(Empty, Trader, HashA, null, [], Now), GovernanceErrorKind.Forbidden)
            .Message.Should().Contain("compliance");
        Refused(() => RulesetLifecycle.UpdateDraft(NewDraft(), 1, Trader, HashB, [], Now), GovernanceErrorKind.Forbidden);
        Refused(() => RulesetLifecycle.Submit(NewDraft(), 1, Trader, Clean, Now), GovernanceErrorKind.Forbidden);
        Refused(() => RulesetLifecycle.Approve(NewSubmitted(), 1, Trader, Clean, null, Now), GovernanceErrorKind.Forbidden);
        Refused(() => RulesetLifecycle.Reject(NewSubmitted(), 1, Trader, "No.", Now), GovernanceErrorKind.Forbidden);
        Refused(() => RulesetLifecycle.Activate(NewApproved(), 1, Trader, Clean, null, Now), GovernanceErrorKind.Forbidden);
        Refused(() => RulesetLifecycle.Rollback(WithVersion1(Retired), null, Trader, Clean, null, Now), GovernanceErrorKind.Forbidden);
    }

    [Fact]
    public void A_rejection_needs_a_reason()
    {
        Refused(() => RulesetLifecycle.Reject(NewSubmitted(), 1, Bob, "  ", Now), GovernanceErrorKind.InvalidRequest);
        Refused(() => RulesetLifecycle.Reject(NewSubmitted(), 1, Bob, null, Now), GovernanceErrorKind.InvalidRequest);
    }

    [Fact]
    public void A_rejected_version_stays_rejected_and_is_reworked_as_a_copy()
    {
        var rejected = RulesetLifecycle.Reject(NewSubmitted(), 1, Bob, " Limit too loose. ", Now);

        rejected.Version.Status.Should().Be(Rejected);
        rejected.Version.RejectionReason.Should().Be("Limit too loose.");
        rejected.Entry.Reason.Should().Be("Limit too loose.");
        Refused(() => RulesetLifecycle.UpdateDraft(rejected.Ruleset, 1, Alice, HashB, [], Now), GovernanceErrorKind.IllegalTransition);
        Refused(() => RulesetLifecycle.Submit(rejected.Ruleset, 1, Alice, Clean, Now), GovernanceErrorKind.IllegalTransition);

        var copy = RulesetLifecycle.CreateDraft(rejected.Ruleset, Alice, HashA, copiedFrom: 1, [], Now);
        copy.Version.Number.Should().Be(2);
        copy.Version.Status.Should().Be(Draft);
        copy.Version.CopiedFrom.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(NeverActive))]
    public void Only_an_approved_or_retired_version_can_be_activated(RulesetVersionStatus status)
    {
        var error = Refused(() => RulesetLifecycle.Activate(WithVersion1(status), 1, Bob, Clean, null, Now), GovernanceErrorKind.IllegalTransition);

        error.Message.Should().Contain("only an approved or retired version can be activated");
    }

    [Fact]
    public void Activating_the_active_version_is_refused()
    {
        Refused(() => RulesetLifecycle.Activate(NewActive(), 1, Bob, Clean, null, Now), GovernanceErrorKind.IllegalTransition)
            .Message.Should().Contain("already active");
    }

    [Fact]
    public void A_version_that_no_longer_validates_cannot_be_activated()
    {
        Refused(() => RulesetLifecycle.Activate(NewApproved(), 1, Bob, Broken, null, Now), GovernanceErrorKind.InvalidRules);
    }

    [Fact]
    public void Activating_retires_the_previously_active_version_in_the_same_change()
    {
        var approved = NewApproved(NewActive(), HashB);

        var change = RulesetLifecycle.Activate(approved, 2, Carol, Clean, "Quarterly update.", Now.AddHours(1));

        change.Ruleset.Get(1).Status.Should().Be(Retired);
        change.Ruleset.Get(1).RetiredAt.Should().Be(Now.AddHours(1));
        change.Ruleset.Get(2).Status.Should().Be(Active);
        change.Ruleset.Versions.Count(v => v.Status == Active).Should().Be(1);
        change.Entry.Changes.Should().Equal("activated version 2", "retired version 1");
        change.Entry.Reason.Should().Be("Quarterly update.");
    }

    [Fact]
    public void A_retired_version_can_be_activated_again()
    {
        var change = RulesetLifecycle.Activate(WithVersion1(Retired), 1, Carol, Clean, null, Now);

        change.Ruleset.Get(1).Status.Should().Be(Active);
        change.Ruleset.Get(2).Status.Should().Be(Retired);
    }

    [Fact]
    public void A_roll_back_re_activates_the_version_that_was_active_just_before()
    {
        var three = NewActive(NewActive(NewActive()), "cccc");

        var back = RulesetLifecycle.Rollback(three, null, Carol, Clean, "v3 blocks good orders", Now);

        back.Entry.Action.Should().Be(RulesetAction.RolledBack);
        back.Entry.Version.Should().Be(2);
        back.Ruleset.Active!.Number.Should().Be(2);
        back.Ruleset.Get(3).Status.Should().Be(Retired);
        back.Ruleset.Get(1).Status.Should().Be(Retired);
        RulesetLifecycle.RollbackTarget(back.Ruleset, null).Should().Be(3, "the version active just before is now version 3");
    }

    [Fact]
    public void A_roll_back_may_name_an_approved_or_retired_version()
    {
        var ruleset = NewApproved(NewActive(NewActive()), "cccc");

        RulesetLifecycle.Rollback(ruleset, 1, Carol, Clean, null, Now).Ruleset.Active!.Number.Should().Be(1);
        RulesetLifecycle.Rollback(ruleset, 3, Carol, Clean, null, Now).Ruleset.Active!.Number.Should().Be(3);
    }

    [Fact]
    public void A_roll_back_is_refused_without_an_active_version_a_previous_one_or_to_a_version_never_approved()
    {
        Refused(() => RulesetLifecycle.Rollback(NewApproved(), null, Carol, Clean, null, Now), GovernanceErrorKind.IllegalTransition)
            .Message.Should().Contain("no active version");
        Refused(() => RulesetLifecycle.Rollback(NewActive(), null, Carol, Clean, null, Now), GovernanceErrorKind.IllegalTransition)
            .Message.Should().Contain("no previously active version");
        var withDraft = NewDraft(NewActive(NewActive()));
        Refused(() => RulesetLifecycle.Rollback(withDraft, 3, Carol, Clean, null, Now), GovernanceErrorKind.IllegalTransition);
        Refused(() => RulesetLifecycle.Rollback(withDraft, 2, Carol, Clean, null, Now), GovernanceErrorKind.IllegalTransition)
            .Message.Should().Contain("already active");
        Refused(() => RulesetLifecycle.Rollback(withDraft, 9, Carol, Clean, null, Now), GovernanceErrorKind.NotFound);
        Refused(() => RulesetLifecycle.Rollback(withDraft, null, Carol, Broken, null, Now), GovernanceErrorKind.InvalidRules);
    }

    [Fact]
    public void An_unknown_version_is_not_found()
    {
        Refused(() => RulesetLifecycle.UpdateDraft(NewDraft(), 2, Alice, HashB, [], Now), GovernanceErrorKind.NotFound)
            .Message.Should().Contain("no version 2");
        Refused(() => RulesetLifecycle.CreateDraft(NewDraft(), Alice, HashB, copiedFrom: 5, [], Now), GovernanceErrorKind.NotFound);
    }

    [Fact]
    public void Seeding_makes_version_1_approved_and_active_by_the_system_and_only_into_an_empty_ruleset()
    {
        var seeded = RulesetLifecycle.Seed(Empty, HashA, "rulesets/pre-trade.json", Now);

        seeded.Version.Status.Should().Be(Active);
        seeded.Version.Author.Should().Be("system");
        seeded.Version.ApprovedBy.Should().Be("system");
        seeded.Entry.Action.Should().Be(RulesetAction.Seeded);
        seeded.Entry.Changes.Should().Equal("seeded from rulesets/pre-trade.json");
        Refused(() => RulesetLifecycle.Seed(seeded.Ruleset, HashB, "again", Now), GovernanceErrorKind.IllegalTransition);
    }

    [Fact]
    public void Audit_changes_are_bounded()
    {
        var changes = Enumerable.Range(1, 80).Select(i => new string('x', i == 1 ? 1_000 : 10)).ToList();

        var entry = RulesetLifecycle.CreateDraft(Empty, Alice, HashA, null, changes, Now).Entry;

        entry.Changes.Should().HaveCount(51);
        entry.Changes[0].Length.Should().Be(400);
        entry.Changes[^1].Should().Be("… and 30 more changes");
    }

    public static TheoryData<RulesetVersionStatus> NotDrafts => AllBut(Draft);

    public static TheoryData<RulesetVersionStatus> NotSubmitted => AllBut(Submitted);

    public static TheoryData<RulesetVersionStatus> NeverActive => AllBut(Approved, Active, Retired);
}
