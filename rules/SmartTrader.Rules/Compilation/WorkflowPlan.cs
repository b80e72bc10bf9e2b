using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// A workflow made ready to compile: injected workflows folded in, disabled rules dropped, rules numbered in
/// pre-order. Problems found on the way (unknown or circular injections, duplicate names) are diagnostics.
/// </summary>
internal sealed class WorkflowPlan
{
    private WorkflowPlan(string name) => WorkflowName = name;

    public string WorkflowName { get; }

    public List<(ScopedParam Param, string Workflow)> Globals { get; } = [];

    public List<RuleNode> Nodes { get; } = [];

    public List<RuleNode> TopLevel { get; } = [];

    public List<RuleDiagnostic> Problems { get; } = [];

    /// <summary>The workflows folded into this one, in the order their text entered the content hash.</summary>
    public List<Workflow> Sources { get; } = [];

    public static WorkflowPlan For(IReadOnlyList<Workflow> workflows, string workflowName)
    {
        var plan = new WorkflowPlan(workflowName);
        var byName = new Dictionary<string, Workflow>(StringComparer.Ordinal);
        foreach (var workflow in workflows)
            if (!byName.TryAdd(workflow.WorkflowName, workflow))
                plan.Problems.Add(new RuleDiagnostic(workflow.WorkflowName, null, "WorkflowName", 1, 1, $"workflow '{workflow.WorkflowName}' is defined twice"));

        if (!byName.TryGetValue(workflowName, out var root))
            throw new UnknownWorkflowException(workflowName, byName.Keys);

        var rules = new List<Rule>();
        plan.Fold(root, byName, rules, []);
        plan.CheckGlobals();
        var topIndex = 0;
        foreach (var rule in rules.Where(r => r.Enabled))
            plan.TopLevel.Add(plan.Number(rule, topIndex++, byName, root.WorkflowName));
        return plan;
    }

    private void Fold(Workflow workflow, Dictionary<string, Workflow> byName, List<Rule> rules, List<string> path)
    {
        if (path.Contains(workflow.WorkflowName))
        {
            Problems.Add(new RuleDiagnostic(WorkflowName, null, "WorkflowsToInject", 1, 1,
                $"workflows inject each other in a circle: {string.Join(" -> ", path.Append(workflow.WorkflowName))}"));
            return;
        }
        if (Sources.Contains(workflow)) return;
        Sources.Add(workflow);
        path.Add(workflow.WorkflowName);
        foreach (var param in workflow.GlobalParams ?? []) Globals.Add((param, workflow.WorkflowName));
        rules.AddRange(workflow.Rules ?? []);
        foreach (var injected in workflow.WorkflowsToInject ?? [])
        {
            if (byName.TryGetValue(injected, out var target)) Fold(target, byName, rules, path);
            else Problems.Add(new RuleDiagnostic(workflow.WorkflowName, null, "WorkflowsToInject", 1, 1, $"injected workflow '{injected}' does not exist"));
        }
        path.RemoveAt(path.Count - 1);
    }

    private void CheckGlobals()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (param, workflow) in Globals)
            if (!seen.Add(param.Name))
                Problems.Add(new RuleDiagnostic(workflow, null, $"GlobalParams[{param.Name}]", 1, 1, $"global param '{param.Name}' is defined more than once"));
    }

    private RuleNode Number(Rule rule, int topIndex, Dictionary<string, Workflow> byName, string workflow)
    {
        var id = Nodes.Count;
        Nodes.Add(null!);
        var childRules = (rule.Rules ?? []).Where(r => r.Enabled).ToList();
        foreach (var injected in rule.WorkflowsToInject ?? [])
        {
            if (byName.TryGetValue(injected, out var target)) childRules.AddRange(target.Rules.Where(r => r.Enabled));
            else Problems.Add(new RuleDiagnostic(workflow, rule.RuleName, "WorkflowsToInject", 1, 1, $"injected workflow '{injected}' does not exist"));
        }
        if (childRules.Count > 0 && string.IsNullOrEmpty(rule.Operator))
            Problems.Add(new RuleDiagnostic(workflow, rule.RuleName, "Operator", 1, 1, "a rule with child rules needs an Operator: And, AndAlso, Or or OrElse"));
        if (childRules.Count > 0 && !string.IsNullOrEmpty(rule.Operator) && NestedOperator.Parse(rule.Operator) is null)
            Problems.Add(new RuleDiagnostic(workflow, rule.RuleName, "Operator", 1, 1, $"'{rule.Operator}' is not an operator: use And, AndAlso, Or or OrElse"));
        if (string.IsNullOrWhiteSpace(rule.RuleName))
            Problems.Add(new RuleDiagnostic(workflow, null, "RuleName", 1, 1, "every rule needs a RuleName"));
        var children = childRules.Select(child => Number(child, -1, byName, workflow)).ToList();
        var hasLocalParams = rule.LocalParams is { Count: > 0 } || children.Any(c => c.HasLocalParams);
        var node = new RuleNode(id, rule, topIndex, [.. children.Select(c => c.Id)], hasLocalParams);
        Nodes[id] = node;
        return node;
    }
}

internal static class NestedOperator
{
    /// <summary>True for And/AndAlso (all children must pass), false for Or/OrElse, null when unknown.</summary>
    public static bool? Parse(string? op) => op?.Trim().ToLowerInvariant() switch
    {
        "and" or "andalso" => true,
        "or" or "orelse" => false,
        _ => null,
    };
}

/// <summary>Asked for a workflow the rules do not define.</summary>
public sealed class UnknownWorkflowException(string workflowName, IEnumerable<string> known)
    : Exception($"Workflow '{workflowName}' is not defined. Defined: {(known.Any() ? string.Join(", ", known) : "none")}.")
{
    public string WorkflowName { get; } = workflowName;
}
