using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Governance;

namespace SmartTrader.Rules.Tests.Governance;

/// <summary>Actors, clock and short-hands for building rulesets in a given state through the lifecycle itself.</summary>
internal static class Governance
{
    public static readonly GovernanceActor Alice = new("alice", ["compliance"]);
    public static readonly GovernanceActor Bob = new("bob", ["compliance"]);
    public static readonly GovernanceActor Carol = new("carol", ["compliance"]);
    public static readonly GovernanceActor Trader = new("tom", ["trader"]);
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly IReadOnlyList<RuleDiagnostic> Clean = [];
    public static readonly IReadOnlyList<RuleDiagnostic> Broken = [new("Orders", "MaxQuantity", "Expression", 1, 7, "The name 'qty' does not exist.")];

    public const string HashA = "aaaa";
    public const string HashB = "bbbb";

    public static Ruleset Empty => Ruleset.Empty("pre-trade");

    public static Ruleset NewDraft(Ruleset? ruleset = null, string hash = HashA) =>
        RulesetLifecycle.CreateDraft(ruleset ?? Empty, Alice, hash, null, [], Now).Ruleset;

    public static Ruleset NewSubmitted(Ruleset? ruleset = null, string hash = HashA)
    {
        var drafted = NewDraft(ruleset, hash);
        return RulesetLifecycle.Submit(drafted, drafted.Latest!.Number, Alice, Clean, Now).Ruleset;
    }

    public static Ruleset NewApproved(Ruleset? ruleset = null, string hash = HashA)
    {
        var submitted = NewSubmitted(ruleset, hash);
        return RulesetLifecycle.Approve(submitted, submitted.Latest!.Number, Bob, Clean, null, Now).Ruleset;
    }

    public static Ruleset NewActive(Ruleset? ruleset = null, string hash = HashA)
    {
        var approved = NewApproved(ruleset, hash);
        return RulesetLifecycle.Activate(approved, approved.Latest!.Number, Bob, Clean, null, Now).Ruleset;
    }

    public static Ruleset NewRejected(Ruleset? ruleset = null)
    {
        var submitted = NewSubmitted(ruleset);
        return RulesetLifecycle.Reject(submitted, submitted.Latest!.Number, Bob, "Limit too loose.", Now).Ruleset;
    }

    /// <summary>A ruleset whose version 1 has the status; a retired version 1 was replaced by version 2.</summary>
    public static Ruleset WithVersion1(RulesetVersionStatus status) => status switch
    {
        RulesetVersionStatus.Draft => NewDraft(),
        RulesetVersionStatus.Submitted => NewSubmitted(),
        RulesetVersionStatus.Approved => NewApproved(),
        RulesetVersionStatus.Active => NewActive(),
        RulesetVersionStatus.Retired => NewActive(NewActive(), HashB),
        RulesetVersionStatus.Rejected => NewRejected(),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static TheoryData<RulesetVersionStatus> AllBut(params RulesetVersionStatus[] allowed) =>
        [.. Enum.GetValues<RulesetVersionStatus>().Except(allowed)];

    public static RulesetGovernanceException Refused(Action action, GovernanceErrorKind kind)
    {
        var error = FluentActions.Invoking(action).Should().Throw<RulesetGovernanceException>().Which;
        error.Kind.Should().Be(kind, error.Message);
        return error;
    }
}
