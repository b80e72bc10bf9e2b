using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmartTrader.Rules.Expressions;

/// <summary>
/// Rewrites the System.Linq.Dynamic.Core idioms RulesEngine authors use into C#: the keywords AND, OR and NOT,
/// <c>=</c> for equality, <c>&lt;&gt;</c> for inequality, <c>iif(c, a, b)</c>, single-quoted strings, and unsuffixed
/// real literals (read as decimal, the type money is kept in). Works on tokens so positions can be mapped back.
/// </summary>
internal static class RulesDialect
{
    public static (string Text, PositionMap Map) ToCSharp(string expression)
    {
        var tokens = SyntaxFactory.ParseTokens(expression).ToList();
        var text = new StringBuilder(expression.Length + 8);
        var map = new PositionMap.Builder();
        var iifCommas = new Stack<(int Depth, int CommasSeen)>();
        var depth = 0;
        var patternDepth = -1;

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            Emit(text, map, token.LeadingTrivia);
            var previous = i > 0 ? tokens[i - 1] : default;
            var replacement = Rewrite(token, previous, i + 1 < tokens.Count ? tokens[i + 1] : default, ref depth, ref patternDepth, iifCommas);
            if (replacement is null)
            {
                map.Copy(token.SpanStart, token.Span.Length);
                text.Append(token.Text);
            }
            else
            {
                map.Replace(token.SpanStart, replacement.Length);
                text.Append(replacement);
            }
            Emit(text, map, token.TrailingTrivia);
        }
        return (text.ToString(), map.Build(expression.Length));
    }

    private static string? Rewrite(
        SyntaxToken token, SyntaxToken previous, SyntaxToken next, ref int depth, ref int patternDepth,
        Stack<(int Depth, int CommasSeen)> iifCommas)
    {
        var afterMemberAccess = previous.IsKind(SyntaxKind.DotToken);
        switch (token.Kind())
        {
            case SyntaxKind.OpenParenToken:
                depth++;
                return null;
            case SyntaxKind.CloseParenToken:
                if (iifCommas.TryPeek(out var open) && open.Depth == depth) iifCommas.Pop();
                depth--;
                if (patternDepth > depth) patternDepth = -1;
                return null;
            case SyntaxKind.CommaToken:
                if (patternDepth >= depth) patternDepth = -1;
                if (iifCommas.TryPeek(out var call) && call.Depth == depth)
                {
                    iifCommas.Pop();
                    iifCommas.Push((call.Depth, call.CommasSeen + 1));
                    return call.CommasSeen == 0 ? " ? " : call.CommasSeen == 1 ? " : " : null;
                }
                return null;
            case SyntaxKind.IsKeyword:
                patternDepth = depth;
                return null;
            case SyntaxKind.AmpersandAmpersandToken or SyntaxKind.BarBarToken or SyntaxKind.QuestionToken or SyntaxKind.ColonToken:
                if (patternDepth >= depth) patternDepth = -1;
                return null;
            case SyntaxKind.EqualsToken:
                return "==";
            case SyntaxKind.LessThanToken when next.IsKind(SyntaxKind.GreaterThanToken) && next.SpanStart == token.Span.End:
                return "!=";
            case SyntaxKind.GreaterThanToken when previous.IsKind(SyntaxKind.LessThanToken) && previous.Span.End == token.SpanStart:
                return "";
            case SyntaxKind.NumericLiteralToken:
                return IsUnsuffixedReal(token.Text) ? token.Text + "m" : null;
            case SyntaxKind.CharacterLiteralToken when token.Text.Length > 3 && !token.Text.StartsWith("'\\", StringComparison.Ordinal):
                return SymbolDisplay.FormatLiteral(token.Text[1..^1], quote: true);
            case SyntaxKind.IdentifierToken when !afterMemberAccess:
                return Keyword(token, next, depth, patternDepth >= 0, iifCommas);
            default:
                return null;
        }
    }

    private static string? Keyword(SyntaxToken token, SyntaxToken next, int depth, bool inPattern, Stack<(int Depth, int CommasSeen)> iifCommas)
    {
        var word = token.ValueText;
        if (word.Equals("iif", StringComparison.OrdinalIgnoreCase) && next.IsKind(SyntaxKind.OpenParenToken))
        {
            iifCommas.Push((depth + 1, 0));
            return "";
        }
        if (inPattern && word is "and" or "or" or "not") return null;
        if (word.Equals("and", StringComparison.OrdinalIgnoreCase)) return "&&";
        if (word.Equals("or", StringComparison.OrdinalIgnoreCase)) return "||";
        if (word.Equals("not", StringComparison.OrdinalIgnoreCase)) return "!";
        return null;
    }

    private static bool IsUnsuffixedReal(string literal)
    {
        if (literal.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || literal.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            return false;
        var last = char.ToLowerInvariant(literal[^1]);
        return char.IsDigit(last) && (literal.Contains('.') || literal.Contains('e') || literal.Contains('E'));
    }

    private static void Emit(StringBuilder text, PositionMap.Builder map, SyntaxTriviaList trivia)
    {
        foreach (var piece in trivia)
        {
            map.Copy(piece.SpanStart, piece.Span.Length);
            text.Append(piece.ToFullString());
        }
    }
}
