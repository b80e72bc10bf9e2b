using System.Text.Json;
using SmartTrader.Rules.Results;

namespace SmartTrader.Server.RulesCli;

/// <summary>Result trees as an indented outline, or as the JSON the --json flag promises.</summary>
internal static class ResultTreeOutput
{
    /// <summary>The rules verbs' JSON: web naming, indented.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static object ToJson(RuleResultTree result) => new
    {
        ruleName = result.Rule.RuleName,
        isSuccess = result.IsSuccess,
        successEvent = result.Rule.SuccessEvent,
        exceptionMessage = result.ExceptionMessage,
        actionOutput = result.ActionResult?.Output,
        childResults = result.ChildResults?.Select(ToJson).ToList(),
    };

    public static string Json(IReadOnlyList<RuleResultTree> results) => JsonSerializer.Serialize(results.Select(ToJson), Options);

    public static void WriteText(TextWriter output, IReadOnlyList<RuleResultTree> results, int depth = 0)
    {
        foreach (var result in results)
        {
            var mark = result.IsSuccess ? "pass" : "FAIL";
            var line = $"{new string(' ', depth * 2)}{mark}  {result.Rule.RuleName} [{result.Severity}]";
            if (result.IsSuccess && result.Rule.SuccessEvent is { } success) line += $"  event: {success}";
            if (!result.IsSuccess && result.ExceptionMessage is { Length: > 0 } message) line += $"  — {message}";
            if (result.ActionResult is { } action) line += action.ExceptionMessage is null ? $"  output: {action.Output}" : $"  action failed: {action.ExceptionMessage}";
            output.WriteLine(line);
            if (result.ChildResults is { } children) WriteText(output, children, depth + 1);
        }
    }
}
