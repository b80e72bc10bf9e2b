using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace SmartTrader.Rules.Diff;

[JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>
/// One field that differs. Field names follow <see cref="Compilation.RuleDiagnostic.Field"/>: <c>Expression</c>,
/// <c>LocalParams[name]</c>, <c>Properties.Severity</c>, <c>Actions.OnSuccess</c>, ... Values are text (compact JSON for
/// structured values); null when the field is absent on that side.
/// </summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>A global param added, removed or with another expression.</summary>
public sealed record ParamChange(string Name, ChangeKind Kind, string? Before, string? After);

/// <summary>
/// A rule added, removed or changed, matched by name among its siblings. An added or removed rule lists the fields it
/// has; a changed rule only those that differ, and its child rules that differ.
/// </summary>
public sealed record RuleChange(string RuleName, ChangeKind Kind, ImmutableArray<FieldChange> Fields, ImmutableArray<RuleChange> Rules);

public sealed record WorkflowChange(
    string WorkflowName,
    ChangeKind Kind,
    ImmutableArray<FieldChange> Fields,
    ImmutableArray<ParamChange> GlobalParams,
    ImmutableArray<RuleChange> Rules);

/// <summary>
/// What differs between two rules documents. Order is deterministic: items in the order of the newer document, then
/// removed items in the order of the older one.
/// </summary>
public sealed record RulesDiff(ImmutableArray<WorkflowChange> Workflows)
{
    public bool IsEmpty => Workflows.IsEmpty;

    /// <summary>One line per change, for people: "Orders/MaxQuantity: Expression, Enabled changed".</summary>
    public IReadOnlyList<string> Summary()
    {
        var lines = new List<string>();
        foreach (var workflow in Workflows)
        {
            var name = workflow.WorkflowName;
            if (workflow.Kind != ChangeKind.Changed)
            {
                lines.Add($"workflow '{name}' {Verb(workflow.Kind)}");
                continue;
            }
            if (!workflow.Fields.IsEmpty) lines.Add($"{name}: {Fields(workflow.Fields)} changed");
            lines.AddRange(workflow.GlobalParams.Select(p => $"{name}: global param '{p.Name}' {Verb(p.Kind)}"));
            foreach (var rule in workflow.Rules) Summarize(rule, name, lines);
        }
        return lines;
    }

    private static void Summarize(RuleChange rule, string parent, List<string> lines)
    {
        var path = $"{parent}/{rule.RuleName}";
        if (rule.Kind != ChangeKind.Changed)
        {
            lines.Add($"{path}: rule {Verb(rule.Kind)}");
            return;
        }
        if (!rule.Fields.IsEmpty) lines.Add($"{path}: {Fields(rule.Fields)} changed");
        foreach (var child in rule.Rules) Summarize(child, path, lines);
    }

    private static string Fields(ImmutableArray<FieldChange> fields) => string.Join(", ", fields.Select(f => f.Field));

    private static string Verb(ChangeKind kind) => kind.ToString().ToLowerInvariant();
}
