using System.Text.Json;

namespace SmartTrader.Rules.Model;

public sealed class RuleActions
{
    public ActionInfo? OnSuccess { get; set; }

    public ActionInfo? OnFailure { get; set; }
}

/// <summary>
/// A built-in action: <c>OutputExpression</c> (Context.Expression) or <c>EvaluateRule</c>
/// (Context.workflowName, Context.ruleName).
/// </summary>
public sealed class ActionInfo
{
    public string Name { get; set; } = "";

    public Dictionary<string, JsonElement>? Context { get; set; }
}
