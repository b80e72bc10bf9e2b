using SmartTrader.Rules.Results;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// An immutable, compiled workflow. Safe to share between threads; swapping one reference for another is
/// how a new ruleset version takes effect without any evaluation seeing a mix of two.
/// </summary>
public sealed class CompiledWorkflow
{
    public required string WorkflowName { get; init; }

    /// <summary>SHA-256 of the workflow's canonical JSON (with injected workflows) and the input types.</summary>
    public required string ContentHash { get; init; }

    public required IReadOnlyList<RuleInput> Inputs { get; init; }

    /// <summary>
    /// Fast path: evaluates every enabled top-level rule and returns the failures. Inputs are given in the
    /// order of <see cref="Inputs"/>.
    /// </summary>
    public RulesVerdict Evaluate(params object?[] inputs) => throw new NotImplementedException();

    /// <summary>Full evaluation: one result tree per enabled top-level rule, in order, with actions run.</summary>
    public IReadOnlyList<RuleResultTree> Execute(params object?[] inputs) => throw new NotImplementedException();
}
