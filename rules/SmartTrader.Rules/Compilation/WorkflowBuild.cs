using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmartTrader.Rules.Expressions.Sandbox;
using SmartTrader.Rules.Runtime;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// One compilation of one workflow: plan, probe the global params' types, generate, check, emit, load.
/// The result is either an entry point or the complete list of problems.
/// </summary>
internal static class WorkflowBuild
{
    public static (IWorkflowRunner? Runner, List<RuleDiagnostic> Diagnostics) Run(
        WorkflowPlan plan, IReadOnlyList<Model.Workflow> workflows, IReadOnlyList<RuleInput> inputs)
    {
        // Structural problems stop here; the rest are reported together with every compile error.
        if (plan.Problems.Count > 0) return (null, plan.Problems);
        var diagnostics = WorkflowChecks.Check(plan, inputs, workflows).ToList();
        if (diagnostics.Any(d => d.Field == "Inputs")) return (null, diagnostics);

        var inputTypes = InputTypeClosure.Types(inputs.Select(i => i.Type));
        var build = new SandboxedBuild(plan.WorkflowName, MetadataReferences.For(inputTypes), new SandboxPolicy(inputTypes));
        var sites = new SiteCatalog(plan.WorkflowName);

        var globalTypes = new List<string>();
        if (plan.Globals.Count > 0)
        {
            var probe = build.Check(() => WorkflowSource.ForGlobalTypes(plan, inputs, sites), sites);
            if (probe is null || build.Diagnostics.Count > 0) return (null, [.. diagnostics, .. build.Diagnostics]);
            globalTypes = GlobalTypes(probe.Value.Compilation, probe.Value.Tree, plan, build, probe.Value.Source, sites);
            if (build.Diagnostics.Count > 0) return (null, [.. diagnostics, .. build.Diagnostics]);
        }

        var checkedBuild = build.Check(() => WorkflowSource.ForWorkflow(plan, inputs, sites, globalTypes), sites);
        if (checkedBuild is null) return (null, [.. diagnostics, .. build.Diagnostics]);
        var image = build.Emit(checkedBuild.Value.Compilation, checkedBuild.Value.Source, sites.All);
        if (image is null || build.Diagnostics.Count > 0) return (null, [.. diagnostics, .. build.Diagnostics]);
        InliningFlags.Mark(image, checkedBuild.Value.Source.InlinedMethods);
        return diagnostics.Count > 0 ? (null, diagnostics) : (Load(image, plan), diagnostics);
    }

    private static List<string> GlobalTypes(
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation, SyntaxTree tree, WorkflowPlan plan, SandboxedBuild build,
        WorkflowSource source, SiteCatalog sites)
    {
        var model = compilation.GetSemanticModel(tree);
        var probe = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "__Probe");
        var declarators = probe.DescendantNodes().OfType<VariableDeclaratorSyntax>().ToList();
        var types = new List<string>();
        for (var i = 0; i < plan.Globals.Count; i++)
        {
            var type = (model.GetDeclaredSymbol(declarators[i]) as ILocalSymbol)?.Type;
            if (type is null || type is IErrorTypeSymbol || type.IsAnonymousType || type.SpecialType == SpecialType.System_Void)
            {
                build.ReportAt(declarators[i].SpanStart, $"global param '{plan.Globals[i].Param.Name}' must have a nameable type (not an anonymous type or void)", source, sites.All);
                types.Add("object");
                continue;
            }
            types.Add(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        }
        return types;
    }

    private static IWorkflowRunner Load(byte[] image, WorkflowPlan plan)
    {
        var context = new AssemblyLoadContext("rules-workflow", isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(image));
        var scope = assembly.GetType($"{Expressions.GeneratedCode.Namespace}.{Expressions.GeneratedCode.ClassName}", throwOnError: true)!;
        var create = typeof(WorkflowBuild).GetMethod(nameof(CreateRunner), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(scope);
        return (IWorkflowRunner)create.Invoke(null, [plan])!;
    }

    private static IWorkflowRunner CreateRunner<TScope>(WorkflowPlan plan) where TScope : RuleScope, new()
    {
        // One pass over the methods: looking each up by name walks the whole chain of generated classes every time.
        var methods = typeof(TScope).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name.StartsWith("__", StringComparison.Ordinal))
            .ToDictionary(m => m.Name, StringComparer.Ordinal);
        Func<TScope, T> Bind<T>(string method) => methods[method].CreateDelegate<Func<TScope, T>>();

        var top = plan.TopLevel;
        var messages = new MessagePart<TScope>[]?[top.Count];
        var onSuccess = new Func<TScope, object?>?[top.Count];
        var onFailure = new Func<TScope, object?>?[top.Count];
        for (var i = 0; i < top.Count; i++)
        {
            var node = top[i];
            if (node.Message.HasPlaceholders)
            {
                var index = 0;
                messages[i] = node.Message.Parts
                    .Select(p => new MessagePart<TScope>(p.Text, p.Placeholder is null ? null : Bind<string>(WorkflowSource.PlaceholderMethodName(node, index++))))
                    .ToArray();
            }
            if (ActionKinds.OutputExpressionOf(node.Rule.Actions?.OnSuccess) is not null) onSuccess[i] = Bind<object?>(WorkflowSource.ActionMethodName(node, true));
            if (ActionKinds.OutputExpressionOf(node.Rule.Actions?.OnFailure) is not null) onFailure[i] = Bind<object?>(WorkflowSource.ActionMethodName(node, false));
        }
        return new WorkflowRunner<TScope>(
            [.. top.Select(n => Bind<bool>(WorkflowSource.RuleMethodName(n)))], [.. top.Select(n => n.Id)],
            [.. top.Select(n => n.HasFastForm)], messages, onSuccess, onFailure);
    }
}
