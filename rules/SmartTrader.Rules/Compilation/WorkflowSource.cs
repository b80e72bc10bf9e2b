using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using SmartTrader.Rules.Expressions;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// Writes the C# for one workflow: a struct for the global params, one method per top-level rule (children
/// inline), a message method per templated ErrorMessage, output methods for actions, and an Evaluate entry point
/// matching <see cref="Runtime.WorkflowEntry"/>. Every author-written expression goes in through an
/// <see cref="ExpressionSite"/> so errors map back to it.
/// </summary>
internal sealed class WorkflowSource
{
    private const string Exception = "global::System.Exception";
    private const string Trace = "global::SmartTrader.Rules.Runtime.RuleTrace";

    private readonly WorkflowPlan _plan;
    private readonly IReadOnlyList<RuleInput> _inputs;
    private readonly SiteCatalog _sites;
    private readonly StringBuilder _code = new();
    private readonly string _inputParameters;
    private readonly string _inputArguments;

    private WorkflowSource(WorkflowPlan plan, IReadOnlyList<RuleInput> inputs, SiteCatalog sites)
    {
        _plan = plan;
        _inputs = inputs;
        _sites = sites;
        _inputParameters = string.Join(", ", inputs.Select(i => $"{TypeNames.CSharp(i.Type)} {Identifier(i.Name)}"));
        _inputArguments = string.Join(", ", inputs.Select(i => Identifier(i.Name)));
    }

    public List<SourceRegion> Regions { get; } = [];

    public string Text => _code.ToString();

    /// <summary>Source that only declares the global params with <c>var</c>, to learn their types.</summary>
    public static WorkflowSource ForGlobalTypes(WorkflowPlan plan, IReadOnlyList<RuleInput> inputs, SiteCatalog sites)
    {
        var source = new WorkflowSource(plan, inputs, sites);
        source.Header();
        source.Line($"static void Probe({source._inputParameters}) {{");
        foreach (var (param, workflow) in plan.Globals)
        {
            source.Append($"var {Identifier(param.Name)} = ");
            source.Site(sites.Global(param, workflow));
            source.Line(";");
        }
        source.Line("}");
        source.Footer();
        return source;
    }

    public static WorkflowSource ForWorkflow(WorkflowPlan plan, IReadOnlyList<RuleInput> inputs, SiteCatalog sites, IReadOnlyList<string> globalTypes)
    {
        var source = new WorkflowSource(plan, inputs, sites);
        source.Header();
        source.GlobalsStruct(globalTypes);
        source.ComputeGlobals(globalTypes);
        foreach (var node in plan.TopLevel)
        {
            source.RuleMethod(node);
            source.MessageMethod(node);
            source.ActionMethod(node, node.Rule.Actions?.OnSuccess, "S");
            source.ActionMethod(node, node.Rule.Actions?.OnFailure, "F");
        }
        source.Dispatcher();
        source.Footer();
        return source;
    }

    private void Header()
    {
        Line("#nullable disable");
        Line("#pragma warning disable");
        Line("using System;");
        Line("using System.Linq;");
        Line("using System.Collections.Generic;");
        Line("using static SmartTrader.Rules.Runtime.RuleFunctions;");
        Line($"namespace {GeneratedCode.Namespace} {{");
        Line($"public static class {GeneratedCode.ClassName} {{");
    }

    private void Footer()
    {
        Line("}");
        Line("}");
    }

    private void GlobalsStruct(IReadOnlyList<string> globalTypes)
    {
        Line("public struct Globals {");
        for (var i = 0; i < _plan.Globals.Count; i++)
            Line($"public {globalTypes[i]} {Identifier(_plan.Globals[i].Param.Name)};");
        Line("}");
    }

    private void ComputeGlobals(IReadOnlyList<string> globalTypes)
    {
        Line($"static {Exception} ComputeGlobals({Parameters("ref Globals __g, out string __param")}, {Trace} __t) {{");
        Line("__param = null;");
        for (var i = 0; i < _plan.Globals.Count; i++)
        {
            var (param, workflow) = _plan.Globals[i];
            var name = Identifier(param.Name);
            var start = _code.Length;
            Append($"{globalTypes[i]} {name}; try {{ {name} = ");
            Site(_sites.Global(param, workflow));
            Line($"; }} catch ({Exception} __x) {{ __param = {Literal(param.Name)}; return __x; }}");
            Line($"__g.{name} = {name}; __t?.Global({Literal(param.Name)}, {name});");
            Regions.Add(new SourceRegion(start, _code.Length, new SiteOwner(workflow, null, $"GlobalParams[{param.Name}]")));
        }
        Line("return null;");
        Line("}");
    }

    private void RuleMethod(RuleNode node)
    {
        var start = _code.Length;
        Line($"static bool R{node.TopIndex}({Parameters("ref Globals __g")}, {Trace} __t, out {Exception} __e) {{");
        Line("__e = null;");
        CopyGlobals();
        Line($"bool __ok{node.Id};");
        Line($"__t?.Enter({node.Id});");
        Line("try {");
        NodeBody(node);
        Line($"__t?.Leave(__ok{node.Id}, null);");
        Line($"return __ok{node.Id};");
        Line($"}} catch ({Exception} __x) {{ __e = __x; __t?.Leave(false, __x); return false; }}");
        Line("}");
        Regions.Add(new SourceRegion(start, _code.Length, new SiteOwner(_plan.WorkflowName, node.Rule.RuleName, "Rule")));
    }

    private void NodeBody(RuleNode node)
    {
        var rule = node.Rule;
        foreach (var param in rule.LocalParams ?? [])
        {
            var start = _code.Length;
            var name = Identifier(param.Name);
            Append($"var {name} = ");
            Site(_sites.Local(node, param));
            Line($"; __t?.Param({Literal(param.Name)}, {name});");
            Regions.Add(new SourceRegion(start, _code.Length, new SiteOwner(_plan.WorkflowName, rule.RuleName, $"LocalParams[{param.Name}]")));
        }

        if (!node.IsNested)
        {
            Append($"__ok{node.Id} = ");
            Site(_sites.Expression(node));
            Line(";");
            return;
        }

        var all = NestedOperator.Parse(rule.Operator) ?? true;
        Line($"__ok{node.Id} = {(all ? "true" : "false")};");
        foreach (var child in node.Children.Select(id => _plan.Nodes[id]))
        {
            var keepGoing = all ? $"__ok{node.Id}" : $"!__ok{node.Id}";
            Line($"if ({keepGoing} || __t != null) {{");
            Line($"bool __ok{child.Id};");
            Line($"__t?.Enter({child.Id});");
            Line("try {");
            NodeBody(child);
            Line($"__t?.Leave(__ok{child.Id}, null);");
            Line($"}} catch ({Exception} __x{child.Id}) {{ __ok{child.Id} = false; __t?.Leave(false, __x{child.Id}); }}");
            Line(all ? $"__ok{node.Id} = __ok{node.Id} && __ok{child.Id};" : $"__ok{node.Id} = __ok{node.Id} || __ok{child.Id};");
            Line("}");
        }
    }

    private void MessageMethod(RuleNode node)
    {
        var template = MessageTemplate.Parse(node.Rule.ErrorMessage);
        if (!template.HasPlaceholders) return;
        Line($"static string M{node.TopIndex}({Parameters("ref Globals __g")}) {{");
        CopyGlobals();
        var parts = new List<string>();
        var index = 0;
        foreach (var part in template.Parts)
        {
            if (part.Placeholder is null) { parts.Add(Literal(part.Text)); continue; }
            var local = $"__p{index++}";
            Append($"string {local}; try {{ {local} = global::SmartTrader.Rules.Runtime.RuleText.Format(");
            Site(_sites.Placeholder(node, part.Placeholder, index));
            Line($"); }} catch {{ {local} = {Literal(part.Text)}; }}");
            parts.Add(local);
        }
        Line($"return string.Concat(new string[] {{ {string.Join(", ", parts)} }});");
        Line("}");
    }

    private void ActionMethod(RuleNode node, ActionInfo? action, string suffix)
    {
        if (ActionKinds.OutputExpressionOf(action) is not { } expression) return;
        Line($"static object A{node.TopIndex}{suffix}({Parameters("ref Globals __g")}) {{");
        CopyGlobals();
        Append("return ");
        Site(_sites.Action(node, suffix == "S" ? "Actions.OnSuccess" : "Actions.OnFailure", expression));
        Line(";");
        Line("}");
    }

    private void Dispatcher()
    {
        Line("public static void Evaluate(object[] __in, ref global::SmartTrader.Rules.Runtime.RuleRun __run) {");
        for (var i = 0; i < _inputs.Count; i++)
            Line($"var {Identifier(_inputs[i].Name)} = ({TypeNames.CSharp(_inputs[i].Type)})__in[{i}];");
        Line("var __t = __run.Trace;");
        Line("Globals __g = default;");
        Line($"var __ge = ComputeGlobals({Arguments("ref __g, out var __gp")}, __t);");
        Line("if (__ge != null) { __run.GlobalsFailed(__gp, __ge); return; }");
        Line($"{Exception} __e;");
        foreach (var node in _plan.TopLevel)
        {
            var i = node.TopIndex;
            var message = MessageTemplate.Parse(node.Rule.ErrorMessage).HasPlaceholders ? $"__e == null ? M{i}({Arguments("ref __g")}) : null" : "null";
            Line($"var __r{i} = R{i}({Arguments("ref __g")}, __t, out __e);");
            Line($"if (!__r{i}) __run.Failed({i}, __e, {message});");
            var success = ActionKinds.OutputExpressionOf(node.Rule.Actions?.OnSuccess) is not null;
            var failure = ActionKinds.OutputExpressionOf(node.Rule.Actions?.OnFailure) is not null;
            if (!success && !failure) continue;
            var call = (string suffix) => $"A{i}{suffix}({Arguments("ref __g")})";
            var output = success && failure ? $"__r{i} ? {call("S")} : {call("F")}" : success ? call("S") : call("F");
            var guard = success && failure ? "__t != null" : success ? $"__t != null && __r{i}" : $"__t != null && !__r{i}";
            Line($"if ({guard}) {{ try {{ __t.Action({node.Id}, {output}, null); }} catch ({Exception} __x) {{ __t.Action({node.Id}, null, __x); }} }}");
        }
        Line("}");
    }

    private void CopyGlobals()
    {
        foreach (var (param, _) in _plan.Globals)
            Line($"var {Identifier(param.Name)} = __g.{Identifier(param.Name)};");
    }

    private string Parameters(string extra) => _inputParameters.Length == 0 ? extra : $"{_inputParameters}, {extra}";

    private string Arguments(string extra) => _inputArguments.Length == 0 ? extra : $"{_inputArguments}, {extra}";

    private void Site(ExpressionSite site)
    {
        _code.Append("(\n");
        site.Start = _code.Length;
        _code.Append(site.IsUsable ? site.Text : "default");
        _code.Append("\n)");
    }

    private void Append(string text) => _code.Append(text);

    private void Line(string text) => _code.Append(text).Append('\n');

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>A name authors chose (input, param) as a C# identifier; keywords are escaped with @.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword
            ? "@" + name
            : name;
}

/// <summary>A stretch of generated source that belongs to a rule or param, for errors outside any expression.</summary>
internal sealed record SourceRegion(int Start, int End, SiteOwner Owner);
