using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using SmartTrader.Rules.Expressions;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// Writes the C# for one workflow: a scope class deriving from <see cref="Runtime.RuleScope"/> whose fields are the
/// inputs and global params, and one small method per author-written expression (rule, placeholder, action).
/// Rules with local params or children get a method that evaluates the subtree and records it when traced.
/// The loop that calls them lives in <see cref="Runtime.WorkflowRunner{TScope}"/>, not here.
/// The rule methods are spread over a chain of classes, each deriving from the one before: Roslyn compiles the method
/// bodies of one class on one thread, so a large workflow in one class would be emitted on one core.
/// </summary>
internal sealed class WorkflowSource
{
    private const string Exception = "global::System.Exception";

    /// <summary>The first class of the chain: the inputs and global params, and the methods that set them.</summary>
    private const string ScopeClass = "__Scope";

    private readonly WorkflowPlan _plan;
    private readonly IReadOnlyList<RuleInput> _inputs;
    private readonly SiteCatalog _sites;
    private readonly StringBuilder _code = new();

    private WorkflowSource(WorkflowPlan plan, IReadOnlyList<RuleInput> inputs, SiteCatalog sites)
    {
        _plan = plan;
        _inputs = inputs;
        _sites = sites;
    }

    public List<SourceRegion> Regions { get; } = [];

    /// <summary>
    /// The methods the untraced path calls from its chunks, to be inlined there (see <see cref="InliningFlags"/>):
    /// called one by one, a thousand small methods cost more in calls and instruction-cache misses than in rules.
    /// </summary>
    public HashSet<string> InlinedMethods { get; } = [];

    private string? _text;

    public string Text => _text ??= _code.ToString();

    /// <summary>Source that only declares the global params with <c>var</c>, to learn their types.</summary>
    public static WorkflowSource ForGlobalTypes(WorkflowPlan plan, IReadOnlyList<RuleInput> inputs, SiteCatalog sites)
    {
        var source = new WorkflowSource(plan, inputs, sites);
        source.Header();
        source.InputFields();
        source.Line("void __Probe() {");
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
        var top = plan.TopLevel;
        var chunks = (top.Count + ChunkSize - 1) / ChunkSize;
        var chunksPerPart = Math.Max(1, (chunks + MaxParts - 1) / MaxParts);
        var parts = (chunks + chunksPerPart - 1) / chunksPerPart;

        source.Usings();
        source.ClassOpen(ScopeClass, "global::SmartTrader.Rules.Runtime.RuleScope", sealedClass: false);
        source.InputFields();
        for (var i = 0; i < plan.Globals.Count; i++)
            source.Line($"public {globalTypes[i]} {Identifier(plan.Globals[i].Param.Name)};");
        source.BindAndClear();
        source.ComputeGlobals(globalTypes);
        source.Line("}");
        var previous = ScopeClass;
        for (var part = 0; part < parts; part++)
        {
            source.ClassOpen($"__Rules{part}", previous, sealedClass: false);
            previous = $"__Rules{part}";
            for (var chunk = part * chunksPerPart; chunk < Math.Min(chunks, (part + 1) * chunksPerPart); chunk++)
            {
                for (var i = chunk * ChunkSize; i < Math.Min(top.Count, (chunk + 1) * ChunkSize); i++)
                {
                    source.RuleMethod(top[i]);
                    source.PlaceholderMethods(top[i]);
                    source.ActionMethod(top[i], top[i].Rule.Actions?.OnSuccess, onSuccess: true);
                    source.ActionMethod(top[i], top[i].Rule.Actions?.OnFailure, onSuccess: false);
                }
                source.Chunk(chunk);
            }
            source.Line("}");
        }
        source.ClassOpen(GeneratedCode.ClassName, previous, sealedClass: true);
        source.NextFailure(chunks);
        source.Footer();
        return source;
    }

    public static string RuleMethodName(RuleNode node) => $"__R{node.TopIndex}";

    public static string PlaceholderMethodName(RuleNode node, int index) => $"__P{node.TopIndex}_{index}";

    public static string ActionMethodName(RuleNode node, bool onSuccess) => $"__A{node.TopIndex}{(onSuccess ? "S" : "F")}";

    private void Header()
    {
        Usings();
        ClassOpen(GeneratedCode.ClassName, "global::SmartTrader.Rules.Runtime.RuleScope", sealedClass: true);
    }

    private void Usings()
    {
        Line("#nullable disable");
        Line("#pragma warning disable");
        Line("using System;");
        Line("using System.Linq;");
        Line("using System.Collections.Generic;");
        Line("using static SmartTrader.Rules.Runtime.RuleFunctions;");
        Line("using Utils = SmartTrader.Rules.Runtime.RuleFunctions;");
        Line($"namespace {GeneratedCode.Namespace} {{");
    }

    private void ClassOpen(string name, string baseType, bool sealedClass) =>
        Line($"public {(sealedClass ? "sealed" : "abstract")} class {name} : {baseType} {{");

    private void Footer()
    {
        Line("}");
        Line("}");
    }

    private void InputFields()
    {
        foreach (var input in _inputs)
            Line($"public {TypeNames.CSharp(input.Type)} {Identifier(input.Name)};");
    }

    private void BindAndClear()
    {
        Line("public override void __Bind(object[] __in) {");
        for (var i = 0; i < _inputs.Count; i++)
            Line($"{Identifier(_inputs[i].Name)} = ({TypeNames.CSharp(_inputs[i].Type)})__in[{i}];");
        Line("}");
        Line("public override void __Clear() {");
        foreach (var input in _inputs) Line($"{Identifier(input.Name)} = default;");
        foreach (var (param, _) in _plan.Globals) Line($"{Identifier(param.Name)} = default;");
        Line("}");
    }

    private void ComputeGlobals(IReadOnlyList<string> globalTypes)
    {
        Line($"public override {Exception} __ComputeGlobals(out string __param) {{");
        Line("__param = null;");
        for (var i = 0; i < _plan.Globals.Count; i++)
        {
            var (param, workflow) = _plan.Globals[i];
            var name = Identifier(param.Name);
            var start = _code.Length;
            Append($"try {{ {name} = ");
            Site(_sites.Global(param, workflow));
            Line($"; }} catch ({Exception} __x) {{ __param = {Literal(param.Name)}; return __x; }}");
            Line($"__trace?.Global({Literal(param.Name)}, {name});");
            Regions.Add(new SourceRegion(start, _code.Length, new SiteOwner(workflow, null, $"GlobalParams[{param.Name}]")));
        }
        Line("return null;");
        Line("}");
    }

    /// <summary>Rules per generated chunk: small enough that the JIT optimises each chunk fully and inlines the rules.</summary>
    private const int ChunkSize = 16;

    /// <summary>
    /// Most classes the rules are spread over: enough for every core to emit one, few enough that a name looked up
    /// from the last class (an input, found in the first) walks a short chain of base classes.
    /// </summary>
    private const int MaxParts = 16;

    /// <summary>
    /// <c>__NextFailure</c>: direct calls in rule order, in chunks, each entered at any rule through a jump table.
    /// A loop of delegate calls to a thousand different methods costs more than the rules themselves.
    /// </summary>
    private void NextFailure(int chunks)
    {
        Line("public override int __NextFailure(int __from) {");
        Line("int __failed;");
        for (var c = 0; c < chunks; c++)
            Line($"if (__from < {(c + 1) * ChunkSize} && (__failed = __Chunk{c}(__from)) >= 0) return __failed;");
        Line("return -1;");
        Line("}");
    }

    private void Chunk(int chunk)
    {
        var top = _plan.TopLevel;
        var first = chunk * ChunkSize;
        var last = Math.Min(top.Count, first + ChunkSize);
        Line($"protected int __Chunk{chunk}(int __from) {{");
        Line("switch (__from) {");
        for (var i = first; i < last; i++) Line($"case {i}: goto __r{i};");
        Line($"default: goto __r{first};");
        Line("}");
        for (var i = first; i < last; i++)
            Line($"__r{i}: __at = {i}; if (!{(top[i].HasFastForm ? FastMethodName(top[i]) : RuleMethodName(top[i]))}()) return {i};");
        Line("return -1;");
        Line("}");
    }

    private void RuleMethod(RuleNode node)
    {
        var start = _code.Length;
        if (!node.IsNested && !node.HasLocalParams)
        {
            InlinedMethods.Add(RuleMethodName(node));
            Append($"public bool {RuleMethodName(node)}() => ");
            Site(_sites.Expression(node));
            Line(";");
        }
        else
        {
            var fast = node.HasFastForm;
            if (fast) LeafMethods(node);
            Line($"public bool {RuleMethodName(node)}() {{");
            Line($"bool __ok{node.Id};");
            NodeBody(node, leavesAsCalls: fast);
            Line($"return __ok{node.Id};");
            Line("}");
            if (fast)
            {
                InlinedMethods.Add(FastMethodName(node));
                Line($"public bool {FastMethodName(node)}() => {FastExpression(node)};");
            }
        }
        Regions.Add(new SourceRegion(start, _code.Length, new SiteOwner(_plan.WorkflowName, node.Rule.RuleName, "Rule")));
    }

    private IEnumerable<RuleNode> Subtree(RuleNode node) =>
        node.Children.SelectMany(id => Subtree(_plan.Nodes[id])).Prepend(node);

    private static string FastMethodName(RuleNode node) => $"__F{node.TopIndex}";

    private static string LeafMethodName(RuleNode node) => $"__E{node.Id}";

    /// <summary>One method per leaf below a nested rule, shared by its full and fast forms.</summary>
    private void LeafMethods(RuleNode node)
    {
        foreach (var leaf in Subtree(node).Where(n => !n.IsNested))
        {
            InlinedMethods.Add(LeafMethodName(leaf));
            Append($"public bool {LeafMethodName(leaf)}() => ");
            Site(_sites.Expression(leaf));
            Line(";");
        }
    }

    private string FastExpression(RuleNode node)
    {
        if (!node.IsNested) return $"{LeafMethodName(node)}()";
        var join = (NestedOperator.Parse(node.Rule.Operator) ?? true) ? " && " : " || ";
        return "(" + string.Join(join, node.Children.Select(id => FastExpression(_plan.Nodes[id]))) + ")";
    }

    /// <summary>
    /// Assigns <c>__ok{id}</c>; local params first, then the expression or the children. With
    /// <paramref name="leavesAsCalls"/>, a leaf's expression is its method from <see cref="LeafMethods"/>.
    /// </summary>
    private void NodeBody(RuleNode node, bool leavesAsCalls)
    {
        var rule = node.Rule;
        foreach (var param in rule.LocalParams ?? [])
        {
            var start = _code.Length;
            var name = Identifier(param.Name);
            Append($"var {name} = ");
            Site(_sites.Local(node, param));
            Line($"; __trace?.Param({node.Id}, {Literal(param.Name)}, {name});");
            Regions.Add(new SourceRegion(start, _code.Length, new SiteOwner(_plan.WorkflowName, rule.RuleName, $"LocalParams[{param.Name}]")));
        }

        if (!node.IsNested)
        {
            Append($"__ok{node.Id} = ");
            if (leavesAsCalls) Append($"{LeafMethodName(node)}()");
            else Site(_sites.Expression(node));
            Line(";");
            return;
        }

        var all = NestedOperator.Parse(rule.Operator) ?? true;
        Line($"__ok{node.Id} = {(all ? "true" : "false")};");
        foreach (var child in node.Children.Select(id => _plan.Nodes[id]))
        {
            // Untraced, the operator short-circuits; traced, every child is evaluated and recorded, as RulesEngine does.
            Line($"if ({(all ? "" : "!")}__ok{node.Id} || __trace != null) {{");
            Line($"bool __ok{child.Id};");
            Line($"__trace?.Enter({child.Id});");
            Line("try {");
            NodeBody(child, leavesAsCalls);
            Line($"__trace?.Leave({child.Id}, __ok{child.Id}, null);");
            Line($"}} catch ({Exception} __x{child.Id}) {{ __ok{child.Id} = false; __trace?.Leave({child.Id}, false, __x{child.Id}); }}");
            Line(all ? $"__ok{node.Id} = __ok{node.Id} && __ok{child.Id};" : $"__ok{node.Id} = __ok{node.Id} || __ok{child.Id};");
            Line("}");
        }
    }

    private void PlaceholderMethods(RuleNode node)
    {
        var index = 0;
        foreach (var part in node.Message.Parts)
        {
            if (part.Placeholder is null) continue;
            Append($"public string {PlaceholderMethodName(node, index)}() => global::SmartTrader.Rules.Runtime.RuleText.Format(");
            Site(_sites.Placeholder(node, part.Placeholder, index));
            Line(");");
            index++;
        }
    }

    private void ActionMethod(RuleNode node, ActionInfo? action, bool onSuccess)
    {
        if (ActionKinds.OutputExpressionOf(action) is not { } expression) return;
        Append($"public object {ActionMethodName(node, onSuccess)}() => ");
        Site(_sites.Action(node, onSuccess ? "Actions.OnSuccess" : "Actions.OnFailure", expression));
        Line(";");
    }

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
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}

/// <summary>A stretch of generated source that belongs to a rule or param, for errors outside any expression.</summary>
internal sealed record SourceRegion(int Start, int End, SiteOwner Owner);
