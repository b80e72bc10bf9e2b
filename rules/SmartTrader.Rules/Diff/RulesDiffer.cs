using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Diff;

/// <summary>Compares two rules documents workflow by workflow, param by param and rule by rule, field by field.</summary>
public static class RulesDiffer
{
    private static readonly JsonSerializerOptions CompactJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static RulesDiff Compare(IReadOnlyList<Workflow> before, IReadOnlyList<Workflow> after)
    {
        var workflows = Match(before, after, w => w.WorkflowName)
            .Select(pair => CompareWorkflow(pair.Before, pair.After))
            .OfType<WorkflowChange>()
            .ToImmutableArray();
        return new RulesDiff(workflows);
    }

    private static WorkflowChange? CompareWorkflow(Workflow? before, Workflow? after)
    {
        var kind = KindOf(before, after);
        var name = (after ?? before)!.WorkflowName;
        var fields = CompareFields(WorkflowFields(before), WorkflowFields(after), kind);
        var globalParams = Match(before?.GlobalParams ?? [], after?.GlobalParams ?? [], p => p.Name)
            .Select(pair => CompareParam(pair.Before, pair.After))
            .OfType<ParamChange>()
            .ToImmutableArray();
        var rules = CompareRules(before?.Rules, after?.Rules);
        if (kind == ChangeKind.Changed && fields.IsEmpty && globalParams.IsEmpty && rules.IsEmpty) return null;
        return new WorkflowChange(name, kind, fields, globalParams, rules);
    }

    private static ParamChange? CompareParam(ScopedParam? before, ScopedParam? after)
    {
        var kind = KindOf(before, after);
        if (kind == ChangeKind.Changed && before!.Expression == after!.Expression) return null;
        return new ParamChange((after ?? before)!.Name, kind, before?.Expression, after?.Expression);
    }

    private static ImmutableArray<RuleChange> CompareRules(IReadOnlyList<Rule>? before, IReadOnlyList<Rule>? after) =>
        Match(before ?? [], after ?? [], r => r.RuleName)
            .Select(pair => CompareRule(pair.Before, pair.After))
            .OfType<RuleChange>()
            .ToImmutableArray();

    private static RuleChange? CompareRule(Rule? before, Rule? after)
    {
        var kind = KindOf(before, after);
        var fields = CompareFields(RuleFields(before), RuleFields(after), kind);
        var children = CompareRules(before?.Rules, after?.Rules);
        if (kind == ChangeKind.Changed && fields.IsEmpty && children.IsEmpty) return null;
        return new RuleChange((after ?? before)!.RuleName, kind, fields, children);
    }

    /// <summary>
    /// For a changed item, every field whose value differs; for an added or removed one, every field it has, leaving
    /// out defaults (Enabled: true) that say nothing.
    /// </summary>
    private static ImmutableArray<FieldChange> CompareFields(
        IReadOnlyList<(string Field, string? Value)> before, IReadOnlyList<(string Field, string? Value)> after, ChangeKind kind)
    {
        var changes = ImmutableArray.CreateBuilder<FieldChange>();
        var old = before.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal);
        foreach (var (field, value) in after)
        {
            var previous = old.GetValueOrDefault(field);
            old.Remove(field);
            if (value != previous && !IsDefault(field, value, kind)) changes.Add(new FieldChange(field, previous, value));
        }
        foreach (var (field, value) in before)
            if (old.ContainsKey(field) && value is not null && !IsDefault(field, value, kind))
                changes.Add(new FieldChange(field, value, null));
        return changes.ToImmutable();
    }

    private static bool IsDefault(string field, string? value, ChangeKind kind) =>
        kind != ChangeKind.Changed && field == nameof(Rule.Enabled) && value == "true";

    private static IReadOnlyList<(string, string?)> WorkflowFields(Workflow? workflow) =>
        workflow is null ? [] : [(nameof(Workflow.WorkflowsToInject), Json(workflow.WorkflowsToInject))];

    private static IReadOnlyList<(string, string?)> RuleFields(Rule? rule)
    {
        if (rule is null) return [];
        var fields = new List<(string, string?)>
        {
            (nameof(Rule.Expression), rule.Expression),
            (nameof(Rule.Operator), rule.Operator),
            (nameof(Rule.ErrorMessage), rule.ErrorMessage),
            (nameof(Rule.SuccessEvent), rule.SuccessEvent),
            (nameof(Rule.Enabled), rule.Enabled ? "true" : "false"),
        };
        foreach (var (key, value) in (rule.Properties ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
            fields.Add(($"Properties.{key}", Json(value)));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var param in rule.LocalParams ?? [])
        {
            // A repeated name (a mistake the validator reports) still gets a field of its own.
            var occurrence = seen[param.Name] = seen.GetValueOrDefault(param.Name) + 1;
            fields.Add((occurrence == 1 ? $"LocalParams[{param.Name}]" : $"LocalParams[{param.Name}]#{occurrence}", param.Expression));
        }
        fields.Add(("Actions.OnSuccess", Json(rule.Actions?.OnSuccess)));
        fields.Add(("Actions.OnFailure", Json(rule.Actions?.OnFailure)));
        fields.Add((nameof(Rule.WorkflowsToInject), Json(rule.WorkflowsToInject)));
        return fields;
    }

    private static string? Json<T>(T? value) => value is null ? null : JsonSerializer.Serialize(value, CompactJson);

    private static ChangeKind KindOf(object? before, object? after) =>
        before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Changed;

    /// <summary>
    /// Pairs items by name: the n-th item of a name in one list with the n-th of that name in the other, so duplicate
    /// names still pair up. Pairs come in the order of <paramref name="after"/>, then the unpaired items of
    /// <paramref name="before"/> in their order.
    /// </summary>
    private static List<(T? Before, T? After)> Match<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> nameOf) where T : class
    {
        var unpaired = new Dictionary<string, Queue<T>>(StringComparer.Ordinal);
        foreach (var item in before)
        {
            if (!unpaired.TryGetValue(nameOf(item), out var queue)) unpaired[nameOf(item)] = queue = new Queue<T>();
            queue.Enqueue(item);
        }
        var paired = new HashSet<T>(ReferenceEqualityComparer.Instance);
        var pairs = new List<(T?, T?)>();
        foreach (var item in after)
        {
            var match = unpaired.TryGetValue(nameOf(item), out var queue) && queue.TryDequeue(out var found) ? found : null;
            if (match is not null) paired.Add(match);
            pairs.Add((match, item));
        }
        pairs.AddRange(before.Where(item => !paired.Contains(item)).Select(item => ((T?)item, (T?)null)));
        return pairs;
    }
}
