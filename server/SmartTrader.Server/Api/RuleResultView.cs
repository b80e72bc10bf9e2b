using System.Collections.Immutable;
using System.Text.Json;
using SmartTrader.Rules.Results;

namespace SmartTrader.Server.Api;

/// <summary>A rule's result tree as JSON. Param values and action outputs are written as JSON where they can be, else as text.</summary>
public sealed record RuleResultView(
    string RuleName,
    bool IsSuccess,
    string Severity,
    string? ExceptionMessage,
    string? SuccessEvent,
    ImmutableDictionary<string, JsonElement> EvaluatedParams,
    ActionResultView? ActionResult,
    ImmutableArray<RuleResultView> ChildResults)
{
    public static RuleResultView Of(RuleResultTree tree) => new(
        tree.Rule.RuleName,
        tree.IsSuccess,
        tree.Severity.ToString(),
        tree.ExceptionMessage,
        tree.IsSuccess ? tree.Rule.SuccessEvent : null,
        tree.EvaluatedParams.ToImmutableDictionary(p => p.Key, p => Value(p.Value)),
        tree.ActionResult is { } action ? new ActionResultView(Value(action.Output), action.ExceptionMessage) : null,
        [.. (tree.ChildResults ?? []).Select(Of)]);

    private static JsonElement Value(object? value)
    {
        if (value is null) return JsonSerializer.SerializeToElement<object?>(null);
        try
        {
            return JsonSerializer.SerializeToElement(value, value.GetType(), JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            return JsonSerializer.SerializeToElement(value.ToString());
        }
    }
}

public sealed record ActionResultView(JsonElement Output, string? ExceptionMessage);
