using System.Text.Json;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Compilation;

/// <summary>The two built-in actions and where their settings live in an action's Context.</summary>
internal static class ActionKinds
{
    public const string OutputExpression = "OutputExpression";
    public const string EvaluateRule = "EvaluateRule";

    public static string? OutputExpressionOf(ActionInfo? action) =>
        action is not null && action.Name.Equals(OutputExpression, StringComparison.OrdinalIgnoreCase)
            ? ContextString(action, "Expression") ?? ""
            : null;

    public static (string Workflow, string Rule)? EvaluateRuleOf(ActionInfo? action) =>
        action is not null && action.Name.Equals(EvaluateRule, StringComparison.OrdinalIgnoreCase)
            ? (ContextString(action, "workflowName") ?? "", ContextString(action, "ruleName") ?? "")
            : null;

    public static bool IsKnown(ActionInfo action) =>
        action.Name.Equals(OutputExpression, StringComparison.OrdinalIgnoreCase) || action.Name.Equals(EvaluateRule, StringComparison.OrdinalIgnoreCase);

    private static string? ContextString(ActionInfo action, string key) =>
        RuleProperties.Find(action.Context, key) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
