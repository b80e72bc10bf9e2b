using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Results;

namespace SmartTrader.Rules.Runtime;

/// <summary>
/// Records a full evaluation — every rule's outcome, params and action output — and turns it into result trees.
/// Generated code calls Enter / Param / Leave around each rule, parents before children.
/// </summary>
public sealed class RuleTrace
{
    private readonly IReadOnlyList<RuleNode> _nodes;
    private readonly Outcome[] _outcomes;
    private readonly Stack<int> _open = new();
    private readonly Dictionary<string, object?> _globals = new(StringComparer.Ordinal);

    internal RuleTrace(IReadOnlyList<RuleNode> nodes)
    {
        _nodes = nodes;
        _outcomes = new Outcome[nodes.Count];
    }

    public void Global(string name, object? value) => _globals[name] = value;

    public void Enter(int nodeId)
    {
        _outcomes[nodeId] = new Outcome { Evaluated = true };
        _open.Push(nodeId);
    }

    public void Param(string name, object? value) => (_outcomes[_open.Peek()].Params ??= new(StringComparer.Ordinal))[name] = value;

    public void Leave(bool success, Exception? exception)
    {
        var id = _open.Pop();
        _outcomes[id].Success = success;
        if (exception is not null) _outcomes[id].Message = RuleFailureSource.ExceptionText(_nodes[id], exception);
    }

    public void Action(int nodeId, object? output, Exception? exception) =>
        _outcomes[nodeId].Action = new ActionResult
        {
            Output = output,
            ExceptionMessage = exception is null ? null : $"Action of rule '{_nodes[nodeId].Rule.RuleName}' threw {exception.GetType().Name}: {exception.Message}",
        };

    internal void TopLevelFailed(int topIndex, string message)
    {
        foreach (var node in _nodes)
            if (node.TopIndex == topIndex) { _outcomes[node.Id].Message ??= message; return; }
    }

    internal void SetAction(int nodeId, ActionResult result) => _outcomes[nodeId].Action = result;

    internal IReadOnlyList<RuleResultTree> Build(IReadOnlyDictionary<string, object?> inputs)
    {
        var trees = new List<RuleResultTree>();
        foreach (var node in _nodes)
            if (node.TopIndex >= 0) trees.Add(Build(node, inputs));
        return trees;
    }

    internal bool Succeeded(int nodeId) => _outcomes[nodeId].Success;

    private RuleResultTree Build(RuleNode node, IReadOnlyDictionary<string, object?> inputs)
    {
        var outcome = _outcomes[node.Id];
        var evaluated = new Dictionary<string, object?>(_globals, StringComparer.Ordinal);
        if (outcome.Params is not null)
            foreach (var (name, value) in outcome.Params) evaluated[name] = value;
        return new RuleResultTree
        {
            Rule = node.Rule,
            IsSuccess = outcome.Evaluated && outcome.Success,
            ChildResults = node.IsNested ? node.Children.Select(c => Build(_nodes[c], inputs)).ToList() : null,
            Inputs = inputs,
            EvaluatedParams = evaluated,
            ActionResult = outcome.Action,
            ExceptionMessage = outcome.Evaluated && outcome.Success ? null : outcome.Message,
        };
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
