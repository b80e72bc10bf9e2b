using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmartTrader.Rules.Expressions.Sandbox;

namespace SmartTrader.Rules.Expressions;

/// <summary>
/// One expression an author wrote (a rule's Expression, a param, an ErrorMessage placeholder, an action's output),
/// rewritten into C#, wrapped for the time budget, and placed in generated source. Knows how to point a message at
/// the author's own text.
/// </summary>
internal sealed class ExpressionSite
{
    public const int MaxLength = 16 * 1024;

    private ExpressionSite(SiteOwner owner, string original)
    {
        Owner = owner;
        Original = original;
    }

    public SiteOwner Owner { get; }

    public string Original { get; }

    /// <summary>The C# placed in generated source. Name corrections patch it in place (same length).</summary>
    public string Text { get; private set; } = "";

    public PositionMap Map { get; private set; } = PositionMap.Identity(0);

    /// <summary>Where <see cref="Text"/> starts in the generated source; set by the writer.</summary>
    public int Start { get; set; } = -1;

    public bool IsUsable => Problems.Count == 0;

    public List<(int Offset, string Message)> Problems { get; } = [];

    public static ExpressionSite Prepare(SiteOwner owner, string? original)
    {
        var site = new ExpressionSite(owner, original ?? "");
        site.Translate();
        return site;
    }

    public void Patch(int offset, string replacement)
    {
        Text = string.Concat(Text.AsSpan(0, offset), replacement, Text.AsSpan(offset + replacement.Length));
    }

    public (int Line, int Column) LineColumnOf(int textOffset) => LineColumnOfOriginal(Map.ToOriginal(textOffset));

    public (int Line, int Column) LineColumnOfOriginal(int original)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < original && i < Original.Length; i++)
        {
            if (Original[i] == '\n') { line++; column = 1; }
            else column++;
        }
        return (line, column);
    }

    private void Translate()
    {
        if (string.IsNullOrWhiteSpace(Original)) { Problems.Add((0, "the expression is empty")); return; }
        if (Original.Length > MaxLength) { Problems.Add((0, $"the expression is longer than {MaxLength} characters")); return; }

        var (csharp, dialectMap) = RulesDialect.ToCSharp(Original);
        var parsed = SyntaxFactory.ParseExpression(csharp);
        var errors = parsed.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        foreach (var error in errors) Problems.Add((dialectMap.ToOriginal(error.Location.SourceSpan.Start), error.GetMessage()));
        if (errors.Count > 0) return;
        if (parsed.ContainsDirectives || parsed.FullSpan.Length != csharp.Length)
        {
            Problems.Add((dialectMap.ToOriginal(parsed.FullSpan.End), "only a single expression is allowed here"));
            return;
        }
        foreach (var violation in SyntaxGate.Check(parsed))
            Problems.Add((dialectMap.ToOriginal(violation.Span.Start), violation.Message));
        if (Problems.Count > 0) return;

        var (bounded, stepMap) = WrapLambdaBodies(csharp, parsed);
        Text = bounded;
        Map = dialectMap.Then(stepMap);
    }

    /// <summary>Every lambda body becomes <c>RuleBudget.Step(body)</c>, so loops over inputs count against the time budget.</summary>
    private static (string Text, PositionMap Map) WrapLambdaBodies(string csharp, ExpressionSyntax parsed)
    {
        var insertions = parsed.DescendantNodesAndSelf().OfType<LambdaExpressionSyntax>()
            .Where(l => l.ExpressionBody is not null)
            .SelectMany(l => new[] { (At: l.ExpressionBody!.SpanStart, Text: GeneratedCode.StepCall, Order: 1), (At: l.ExpressionBody!.Span.End, Text: ")", Order: 0) })
            .OrderBy(i => i.At).ThenBy(i => i.Order)
            .ToList();
        if (insertions.Count == 0) return (csharp, PositionMap.Identity(csharp.Length));

        var text = new StringBuilder(csharp.Length + insertions.Count * 48);
        var map = new PositionMap.Builder();
        var copied = 0;
        foreach (var insertion in insertions)
        {
            map.Copy(copied, insertion.At - copied);
            text.Append(csharp, copied, insertion.At - copied);
            map.Replace(insertion.At, insertion.Text.Length);
            text.Append(insertion.Text);
            copied = insertion.At;
        }
        map.Copy(copied, csharp.Length - copied);
        text.Append(csharp, copied, csharp.Length - copied);
        return (text.ToString(), map.Build(csharp.Length));
    }
}

/// <summary>Which workflow, rule and field an expression belongs to, for messages.</summary>
internal sealed record SiteOwner(string WorkflowName, string? RuleName, string Field);
