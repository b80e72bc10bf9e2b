using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmartTrader.Rules.Model;

/// <summary>
/// Global params whose expression is a single string literal: a ruleset's settings. Rules can read them like any
/// other param, and the host can read them before evaluating anything (e.g. which counting method builds the facts).
/// </summary>
public static class LiteralParams
{
    /// <summary>The string value of every global param of <paramref name="workflows"/> whose expression is a string literal.</summary>
    public static IReadOnlyDictionary<string, string> Read(IEnumerable<Workflow> workflows)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var param in workflows.SelectMany(w => w.GlobalParams ?? []))
            if (ValueOf(param.Expression) is { } value) values.TryAdd(param.Name, value);
        return values;
    }

    /// <summary>The literal's value for <c>"text"</c> or <c>'text'</c> (the Dynamic LINQ spelling); null for anything else.</summary>
    public static string? ValueOf(string? expression)
    {
        var text = expression?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' && text.IndexOf('\'', 1) == text.Length - 1)
            return text[1..^1];
        return SyntaxFactory.ParseExpression(text) is LiteralExpressionSyntax literal
               && literal.IsKind(SyntaxKind.StringLiteralExpression)
               && !literal.ContainsDiagnostics
               && literal.FullSpan.Length == text.Length
            ? literal.Token.ValueText
            : null;
    }
}
