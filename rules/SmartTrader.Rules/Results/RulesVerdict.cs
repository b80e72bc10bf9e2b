using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Results;

/// <summary>The fast path's answer: which top-level rules failed. Allocates nothing when every rule passes.</summary>
public readonly struct RulesVerdict
{
    private readonly RuleFailure[]? _failures;

    public RulesVerdict(RuleFailure[]? failures) => _failures = failures is { Length: > 0 } ? failures : null;

    public IReadOnlyList<RuleFailure> Failures => _failures ?? [];

    public bool AllPassed => _failures is null;

    /// <summary>True when a failed rule has Severity Block.</summary>
    public bool IsBlocked => _failures is not null && Array.Exists(_failures, f => f.Severity == Severity.Block);
}
