using System.Collections.Immutable;
using SmartTrader.Rules.Model;
using SmartTrader.Rules.Results;

namespace SmartTrader.Trading.PreTrade;

/// <summary>What the pre-trade rules said about one order: the blocking failures, and the warnings it carries.</summary>
public readonly record struct PreTradeJudgement(ImmutableArray<RuleFinding> Failures, ImmutableArray<RuleFinding> Warnings)
{
    public static PreTradeJudgement Passed { get; } = new([], []);

    public bool IsRejected => !Failures.IsEmpty;

    /// <summary>Each failed rule with its message, e.g. "[MaxOrderQuantity] The order is for ...".</summary>
    public string RejectReason => string.Join(" ", Failures.Select(f => $"[{f.Rule}] {f.Message}"));

    /// <summary>Block failures reject; every other severity (Warn, Info) is a warning.</summary>
    public static PreTradeJudgement Of(RulesVerdict verdict)
    {
        if (verdict.AllPassed) return Passed;
        var failures = ImmutableArray.CreateBuilder<RuleFinding>();
        var warnings = ImmutableArray.CreateBuilder<RuleFinding>();
        foreach (var failure in verdict.Failures)
        {
            var finding = new RuleFinding(failure.RuleName, failure.Message, failure.Reference);
            (failure.Severity == Severity.Block ? failures : warnings).Add(finding);
        }
        return new PreTradeJudgement(failures.ToImmutable(), warnings.ToImmutable());
    }
}
