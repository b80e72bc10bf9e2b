using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Results;

/// <summary>The outcome of one rule and, for a rule with an operator, of each child rule.</summary>
public sealed class RuleResultTree
{
    public required Rule Rule { get; init; }

    public bool IsSuccess { get; init; }

    public IReadOnlyList<RuleResultTree>? ChildResults { get; init; }

    /// <summary>The inputs the rule saw, by name.</summary>
    public IReadOnlyDictionary<string, object?> Inputs { get; init; } = EmptyValues;

    /// <summary>Global and local params as evaluated for this rule, by name.</summary>
    public IReadOnlyDictionary<string, object?> EvaluatedParams { get; init; } = EmptyValues;

    /// <summary>Output of the OnSuccess or OnFailure action, when the rule has one.</summary>
    public ActionResult? ActionResult { get; init; }

    /// <summary>
    /// Why the rule failed: the exception an expression threw, a compile error, or the rule's rendered
    /// ErrorMessage. Null when it passed.
    /// </summary>
    public string? ExceptionMessage { get; init; }

    public Severity Severity => RuleProperties.SeverityOf(Rule);

    internal static readonly IReadOnlyDictionary<string, object?> EmptyValues = new Dictionary<string, object?>();
}

public sealed class ActionResult
{
    public object? Output { get; init; }

    public string? ExceptionMessage { get; init; }
}
