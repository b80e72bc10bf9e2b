using System.Text.Json;

namespace SmartTrader.Rules.Model;

/// <summary>
/// One rule. A rule with an <see cref="Operator"/> and child <see cref="Rules"/> is decided by its children;
/// otherwise by its <see cref="Expression"/>.
/// </summary>
public sealed class Rule
{
    public string RuleName { get; set; } = "";

    /// <summary>Free tags. This project reads <c>Severity</c> (Block, Warn, Info) and <c>Reference</c>.</summary>
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>And, AndAlso, Or or OrElse; only meaningful with child rules.</summary>
    public string? Operator { get; set; }

    /// <summary>Shown when the rule fails; <c>$(input.path)</c> placeholders are filled from the inputs.</summary>
    public string? ErrorMessage { get; set; }

    public bool Enabled { get; set; } = true;

    public RuleExpressionType? RuleExpressionType { get; set; } = Model.RuleExpressionType.LambdaExpression;

    public List<string>? WorkflowsToInject { get; set; }

    public List<Rule>? Rules { get; set; }

    public List<ScopedParam>? LocalParams { get; set; }

    public string? Expression { get; set; }

    public RuleActions? Actions { get; set; }

    public string? SuccessEvent { get; set; }
}
