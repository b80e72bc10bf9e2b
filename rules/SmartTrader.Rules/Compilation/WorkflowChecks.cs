using Microsoft.CodeAnalysis.CSharp;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Compilation;

/// <summary>Checks that need no compiler: names, severities, actions, and rules that cannot be decided.</summary>
internal static class WorkflowChecks
{
    public static IEnumerable<RuleDiagnostic> Check(WorkflowPlan plan, IReadOnlyList<RuleInput> inputs, IReadOnlyList<Workflow> workflows)
    {
        var workflow = plan.WorkflowName;
        var inputNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (!SyntaxFacts.IsValidIdentifier(input.Name))
                yield return new RuleDiagnostic(workflow, null, "Inputs", 1, 1, $"input name '{input.Name}' is not a valid identifier");
            else if (!inputNames.Add(input.Name))
                yield return new RuleDiagnostic(workflow, null, "Inputs", 1, 1, $"input '{input.Name}' is given twice");
        }
        foreach (var (param, owner) in plan.Globals)
            foreach (var problem in CheckParamName(param, owner, null, "GlobalParams", inputNames))
                yield return problem;

        var topNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in plan.TopLevel)
            if (!topNames.Add(node.Rule.RuleName))
                yield return new RuleDiagnostic(workflow, node.Rule.RuleName, "RuleName", 1, 1, $"rule name '{node.Rule.RuleName}' is used more than once in the workflow");

        var workflowNames = workflows.Select(w => w.WorkflowName).ToHashSet(StringComparer.Ordinal);
        foreach (var node in plan.Nodes)
        {
            var rule = node.Rule;
            if (rule.RuleExpressionType is not null and not RuleExpressionType.LambdaExpression)
                yield return new RuleDiagnostic(workflow, rule.RuleName, "RuleExpressionType", 1, 1, "only LambdaExpression rules are supported");
            if (FindProperty(rule, RuleProperties.SeverityKey) is { } severity
                && !Enum.TryParse<Severity>(severity, ignoreCase: true, out _))
                yield return new RuleDiagnostic(workflow, rule.RuleName, "Properties.Severity", 1, 1, $"severity '{severity}' is not one of Block, Warn, Info");
            foreach (var param in rule.LocalParams ?? [])
                foreach (var problem in CheckParamName(param, workflow, rule.RuleName, "LocalParams", inputNames))
                    yield return problem;
            foreach (var (action, field) in new[] { (rule.Actions?.OnSuccess, "Actions.OnSuccess"), (rule.Actions?.OnFailure, "Actions.OnFailure") })
            {
                if (action is null) continue;
                if (!ActionKinds.IsKnown(action))
                    yield return new RuleDiagnostic(workflow, rule.RuleName, field, 1, 1, $"action '{action.Name}' is not one of OutputExpression, EvaluateRule");
                else if (node.TopIndex < 0)
                    yield return new RuleDiagnostic(workflow, rule.RuleName, field, 1, 1, "actions run on top-level rules only");
                else if (ActionKinds.EvaluateRuleOf(action) is { } target && !workflowNames.Contains(target.Workflow))
                    yield return new RuleDiagnostic(workflow, rule.RuleName, field, 1, 1, $"EvaluateRule names workflow '{target.Workflow}', which does not exist");
            }
        }
    }

    private static IEnumerable<RuleDiagnostic> CheckParamName(ScopedParam param, string workflow, string? rule, string kind, HashSet<string> inputNames)
    {
        var field = $"{kind}[{param.Name}]";
        if (!SyntaxFacts.IsValidIdentifier(param.Name) || param.Name.StartsWith("__", StringComparison.Ordinal))
            yield return new RuleDiagnostic(workflow, rule, field, 1, 1, $"param name '{param.Name}' is not a valid identifier");
        else if (inputNames.Contains(param.Name))
            yield return new RuleDiagnostic(workflow, rule, field, 1, 1, $"param '{param.Name}' has the same name as an input");
    }

    private static string? FindProperty(Rule rule, string key) =>
        RuleProperties.Find(rule.Properties, key) is { } value
            ? value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : value.ToString()
            : null;
}
