using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SmartTrader.Rules.Expressions;
using SmartTrader.Rules.Expressions.Sandbox;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// Compiles generated workflow source with Roslyn. Before anything is emitted, each author-written expression is
/// bound and walked through the sandbox; a name that differs from a member only in case is corrected (RulesEngine
/// authors rely on that) and the source regenerated. Every problem is mapped back to the author's text.
/// </summary>
internal sealed class SandboxedBuild
{
    private const int MaxNameCorrectionRounds = 4;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly string _workflowName;
    private readonly IReadOnlyList<MetadataReference> _references;
    private readonly OperationGate _gate;

    public SandboxedBuild(string workflowName, IReadOnlyList<MetadataReference> references, SandboxPolicy policy)
    {
        _workflowName = workflowName;
        _references = references;
        _gate = new OperationGate(policy);
    }

    public List<RuleDiagnostic> Diagnostics { get; } = [];

    /// <summary>Binds and checks the source <paramref name="generate"/> writes, correcting name case until stable.</summary>
    public (CSharpCompilation Compilation, SyntaxTree Tree, WorkflowSource Source)? Check(Func<WorkflowSource> generate, SiteCatalog catalog)
    {
        for (var round = 0; ; round++)
        {
            foreach (var site in catalog.All) site.Start = -1;
            var source = generate();
            var sites = catalog.All.ToList();
            var tree = CSharpSyntaxTree.ParseText(source.Text, ParseOptions);
            var compilation = CSharpCompilation.Create(
                "SmartTrader.Rules.Generated." + Guid.NewGuid().ToString("N"), [tree], _references, Options);
            var written = sites.Where(s => s.IsUsable && s.Start >= 0).ToList();
            var problems = new List<(ExpressionSite Site, int Position, string Message)>();
            var corrections = 0;

            // Binding is most of the cost; sites are independent, so each core binds its share with its own model.
            if (written.Count > 0) Parallel.ForEach(Partitioner.Create(0, written.Count, Math.Max(16, written.Count / (4 * Environment.ProcessorCount) + 1)), range =>
            {
                var model = compilation.GetSemanticModel(tree);
                var found = new List<(ExpressionSite, int, string)>();
                var corrected = 0;
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var site = written[i];
                    var expression = ExpressionAt(tree, site);
                    if (expression is null || model.GetOperation(expression) is not { } operation) continue;
                    var violations = new List<SandboxViolation>();
                    var invalid = new List<IOperation>();
                    _gate.Check(operation, violations, invalid);
                    foreach (var violation in violations) found.Add((site, violation.Span.Start, violation.Message));
                    foreach (var bad in invalid)
                    {
                        if (round < MaxNameCorrectionRounds && (CorrectNameCase(model, site, bad.Syntax) || CorrectRealLiteral(model, site, bad.Syntax))) corrected++;
                        else found.AddRange(ErrorsIn(model, bad.Syntax).Select(e => (site, e.Position, e.Message)));
                    }
                }
                lock (problems)
                {
                    problems.AddRange(found);
                    corrections += corrected;
                }
            });
            if (corrections > 0) continue;

            foreach (var site in sites.Where(s => !s.IsUsable && s.Start >= 0))
                foreach (var (offset, message) in site.Problems)
                    Report(site, site.LineColumnOfOriginal(offset), message);
            foreach (var (site, position, message) in problems.Distinct().OrderBy(p => p.Site.Start).ThenBy(p => p.Position))
                Report(site, site.LineColumnOf(position - site.Start), message);
            // Sites that did not parse stand in as 'default'; the rest is still emitted (never loaded) so that
            // type errors elsewhere are reported in the same pass.
            if (problems.Count > 0) return null;
            return (compilation, tree, source);
        }
    }

    /// <summary>Emits the checked compilation; compile errors the walk did not surface are mapped and reported.</summary>
    public byte[]? Emit(CSharpCompilation compilation, WorkflowSource source, IEnumerable<ExpressionSite> sites)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (result.Success) return image.ToArray();
        var placeholders = sites.Where(s => !s.IsUsable && s.Start >= 0).Select(s => (s.Start, End: s.Start + "default".Length)).ToList();
        foreach (var error in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var at = error.Location.SourceSpan.Start;
            if (!placeholders.Any(p => at >= p.Start - 2 && at <= p.End + 2)) ReportAt(at, error.GetMessage(), source, sites);
        }
        if (Diagnostics.Count == 0)
            Diagnostics.Add(new RuleDiagnostic(_workflowName, null, "Workflow", 1, 1, "the workflow could not be compiled"));
        return null;
    }

    public void ReportAt(int position, string message, WorkflowSource source, IEnumerable<ExpressionSite> sites)
    {
        var site = sites.FirstOrDefault(s => s.IsUsable && s.Start >= 0 && position >= s.Start && position <= s.Start + s.Text.Length);
        if (site is not null) { Report(site, site.LineColumnOf(position - site.Start), message); return; }
        var region = source.Regions.Where(r => position >= r.Start && position < r.End).MinBy(r => r.End - r.Start);
        Diagnostics.Add(region is null
            ? new RuleDiagnostic(_workflowName, null, "Workflow", 1, 1, message)
            : new RuleDiagnostic(region.Owner.WorkflowName, region.Owner.RuleName, region.Owner.Field, 1, 1, message));
    }

    private void Report(ExpressionSite site, (int Line, int Column) at, string message)
    {
        var diagnostic = new RuleDiagnostic(site.Owner.WorkflowName, site.Owner.RuleName, site.Owner.Field, at.Line, at.Column, message);
        if (!Diagnostics.Contains(diagnostic)) Diagnostics.Add(diagnostic);
    }

    private static ExpressionSyntax? ExpressionAt(SyntaxTree tree, ExpressionSite site) =>
        tree.GetRoot().FindToken(site.Start - 2).Parent is ParenthesizedExpressionSyntax wrapper ? wrapper.Expression : null;

    /// <summary>
    /// For a member or name that did not bind, finds the one symbol in scope whose name differs only in case and
    /// patches the site's text. Returns false when there is no such single symbol.
    /// </summary>
    private static bool CorrectNameCase(SemanticModel model, ExpressionSite site, SyntaxNode bad)
    {
        foreach (var name in UnboundNames(model, bad))
        {
            var container = name.Parent is MemberAccessExpressionSyntax access && access.Name == name
                ? model.GetTypeInfo(access.Expression).Type
                : null;
            if (name.Parent is MemberAccessExpressionSyntax { Name: var n } && n == name && container is null) continue;
            var written = name.Identifier.ValueText;
            var candidates = model.LookupSymbols(name.SpanStart, container, includeReducedExtensionMethods: true)
                .Select(s => s.Name)
                .Where(n => n != written && n.Equals(written, StringComparison.OrdinalIgnoreCase))
                .Distinct()
                .ToList();
            var offset = name.Identifier.SpanStart - site.Start;
            if (candidates.Count != 1 || offset < 0 || name.Identifier.Text != written) continue;
            site.Patch(offset, candidates[0]);
            return true;
        }
        return false;
    }

    /// <summary>
    /// A real literal the dialect made decimal (<c>1.5</c> became <c>1.5m</c>) meeting a double or float operand is
    /// made double again, as Dynamic LINQ would have typed it. The 'm' becomes a space, so positions stay put.
    /// </summary>
    private static bool CorrectRealLiteral(SemanticModel model, ExpressionSite site, SyntaxNode bad)
    {
        foreach (var binary in bad.DescendantNodesAndSelf().OfType<BinaryExpressionSyntax>())
        {
            foreach (var (literal, other) in new[] { (binary.Left, binary.Right), (binary.Right, binary.Left) })
            {
                if (literal is not LiteralExpressionSyntax { Token: var token } || !token.IsKind(SyntaxKind.NumericLiteralToken) || !token.Text.EndsWith('m'))
                    continue;
                if (model.GetTypeInfo(other).Type?.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)) continue;
                var suffix = token.Span.End - 1 - site.Start;
                if (suffix < 0 || WrittenWithSuffix(site, token.SpanStart - site.Start)) continue;
                site.Patch(suffix, " ");
                return true;
            }
        }
        return false;
    }

    private static bool WrittenWithSuffix(ExpressionSite site, int offset)
    {
        var start = site.Map.ToOriginal(offset);
        var end = start;
        while (end < site.Original.Length && (char.IsLetterOrDigit(site.Original[end]) || site.Original[end] is '.' or '_')) end++;
        return end > start && site.Original[end - 1] is 'm' or 'M';
    }

    private static IEnumerable<SimpleNameSyntax> UnboundNames(SemanticModel model, SyntaxNode bad) =>
        bad.DescendantNodesAndSelf().OfType<SimpleNameSyntax>()
            .Where(n => model.GetSymbolInfo(n) is { Symbol: null, CandidateSymbols.Length: 0 });

    private static IEnumerable<(int Position, string Message)> ErrorsIn(SemanticModel model, SyntaxNode node)
    {
        var errors = model.GetDiagnostics(node.Span).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return errors.Count > 0
            ? errors.Select(e => (e.Location.SourceSpan.Start, e.GetMessage()))
            : [(node.SpanStart, $"'{node}' could not be understood")];
    }

    private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            allowUnsafe: false,
            concurrentBuild: true,
            nullableContextOptions: NullableContextOptions.Disable)
        .WithMetadataImportOptions(MetadataImportOptions.Public);
}
