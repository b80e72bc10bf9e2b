using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Results;

namespace SmartTrader.Rules.Runtime;

/// <summary>
/// Records a full evaluation — every rule's outcome, params and action output, by rule number — and turns it into
/// result trees afterwards.
/// </summary>
public sealed class RuleTrace
{
    private readonly IReadOnlyList<RuleNode> _nodes;
    private readonly Outcome[] _outcomes;
    private readonly int _globalCount;
    private Dictionary<string, object?>? _globals;

    internal RuleTrace(IReadOnlyList<RuleNode> nodes, int globalCount)
    {
        _nodes = nodes;
        _outcomes = new Outcome[nodes.Count];
        _globalCount = globalCount;
    }

    public void Global(string name, object? value) => (_globals ??= new(_globalCount, StringComparer.Ordinal))[name] = value;

    public void Enter(int nodeId) => _outcomes[nodeId].Evaluated = true;

    public void Param(int nodeId, string name, object? value) => (_outcomes[nodeId].Params ??= [])[name] = value;

    public void Leave(int nodeId, bool success, Exception? exception)
    {
        _outcomes[nodeId].Success = success;
        if (exception is not null) _outcomes[nodeId].Message = RuleFailureSource.ExceptionText(_nodes[nodeId], exception);
    }

    public void Action(int nodeId, object? output, Exception? exception) =>
        _outcomes[nodeId].Action = new ActionResult
        {
            Output = output,
            ExceptionMessage = exception is null ? null : $"Action of rule '{_nodes[nodeId].Rule.RuleName}' threw {exception.GetType().Name}: {exception.Message}",
        };

    internal void TopLevelFailed(int nodeId, string message) => _outcomes[nodeId].Message ??= message;

    internal void SetAction(int nodeId, ActionResult result) => _outcomes[nodeId].Action = result;

    internal bool Succeeded(int nodeId) => _outcomes[nodeId].Success;

    internal IReadOnlyList<RuleResultTree> Build(IReadOnlyList<RuleNode> topLevel, IReadOnlyDictionary<string, object?> inputs)
    {
        IReadOnlyDictionary<string, object?> globals = _globals ?? RuleResultTree.EmptyValues;
        var trees = new RuleResultTree[topLevel.Count];
        for (var i = 0; i < trees.Length; i++) trees[i] = Build(topLevel[i], inputs, globals);
        return trees;
    }

    private RuleResultTree Build(RuleNode node, IReadOnlyDictionary<string, object?> inputs, IReadOnlyDictionary<string, object?> globals)
    {
        ref var outcome = ref _outcomes[node.Id];
        var success = outcome.Evaluated && outcome.Success;
        return new RuleResultTree
        {
            Rule = node.Rule,
            IsSuccess = success,
            ChildResults = node.IsNested ? Children(node, inputs, globals) : null,
            Inputs = inputs,
            EvaluatedParams = outcome.Params is null ? globals : Merge(globals, outcome.Params),
            ActionResult = outcome.Action,
            ExceptionMessage = success ? null : outcome.Message,
        };
    }

    private RuleResultTree[] Children(RuleNode node, IReadOnlyDictionary<string, object?> inputs, IReadOnlyDictionary<string, object?> globals)
    {
        var children = new RuleResultTree[node.Children.Count];
        for (var i = 0; i < children.Length; i++) children[i] = Build(_nodes[node.Children[i]], inputs, globals);
        return children;
    }

    private static Dictionary<string, object?> Merge(IReadOnlyDictionary<string, object?> globals, Dictionary<string, object?> locals)
    {
        var merged = new Dictionary<string, object?>(globals, StringComparer.Ordinal);
        foreach (var (name, value) in locals) merged[name] = value;
        return merged;
    }

    private struct Outcome
    {
        public bool Evaluated;
        public bool Success;
        public string? Message;
        public Dictionary<string, object?>? Params;
        public ActionResult? Action;
    }
}
