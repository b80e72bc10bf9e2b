using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Results;

namespace SmartTrader.Rules.Runtime;

/// <summary>Builds <see cref="RuleFailure"/>s from what the compiler knows of each top-level rule.</summary>
internal sealed class RuleFailureSource(IReadOnlyList<RuleNode> topLevel)
{
    public int TopLevelCount => topLevel.Count;

    public int TopLevelNodeId(int topIndex) => topLevel[topIndex].Id;

    public RuleNode TopLevel(int topIndex) => topLevel[topIndex];

    public RuleFailure Failure(int topIndex, Exception? exception, string? renderedMessage)
    {
        var node = topLevel[topIndex];
        var message = exception is not null
            ? ExceptionText(node, exception)
            : renderedMessage ?? node.Rule.ErrorMessage ?? $"Rule '{node.Rule.RuleName}' failed.";
        return new RuleFailure(node.Rule.RuleName, node.Severity, message, node.Reference, exception is not null);
    }

    public static string ExceptionText(RuleNode node, Exception exception) => exception switch
    {
        RuleTimeoutException or RuleParamException => $"Rule '{node.Rule.RuleName}': {exception.Message}",
        _ => $"Rule '{node.Rule.RuleName}' threw {exception.GetType().Name}: {exception.Message}",
    };
}
