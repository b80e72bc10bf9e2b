using SmartTrader.Rules.Results;
using SmartTrader.Rules.Runtime;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// An immutable, compiled workflow. Safe to share between threads; swapping one reference for another is
/// how a new ruleset version takes effect without any evaluation seeing a mix of two.
/// </summary>
public sealed class CompiledWorkflow
{
    private const int MaxEvaluateRuleDepth = 8;

    [ThreadStatic] private static int _evaluateRuleDepth;

    private readonly IWorkflowRunner _runner;
    private readonly RuleFailureSource _failures;
    private readonly IReadOnlyList<RuleNode> _nodes;
    private readonly IReadOnlyList<RuleNode> _topLevel;
    private readonly RuleNode[] _withEvaluateRuleAction;
    private readonly int _globalCount;
    private readonly string[] _inputNames;
    private readonly TimeSpan _timeout;
    private readonly Func<string, CompiledWorkflow> _workflowNamed;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CompiledWorkflow> _evaluateRuleTargets = new(StringComparer.Ordinal);

    internal CompiledWorkflow(
        string workflowName, string contentHash, IReadOnlyList<RuleInput> inputs, WorkflowPlan plan, IWorkflowRunner runner,
        TimeSpan timeout, Func<string, CompiledWorkflow> workflowNamed)
    {
        WorkflowName = workflowName;
        ContentHash = contentHash;
        Inputs = inputs;
        _runner = runner;
        _nodes = plan.Nodes;
        _topLevel = plan.TopLevel;
        _withEvaluateRuleAction = [.. plan.TopLevel.Where(n =>
            ActionKinds.EvaluateRuleOf(n.Rule.Actions?.OnSuccess) is not null || ActionKinds.EvaluateRuleOf(n.Rule.Actions?.OnFailure) is not null)];
        _globalCount = plan.Globals.Count;
        _inputNames = [.. inputs.Select(i => i.Name)];
        _failures = new RuleFailureSource(plan.TopLevel);
        _timeout = timeout;
        _workflowNamed = workflowNamed;
    }

    public string WorkflowName { get; }

    /// <summary>SHA-256 of the workflow's canonical JSON (with injected workflows) and the input types.</summary>
    public string ContentHash { get; }

    public IReadOnlyList<RuleInput> Inputs { get; }

    /// <summary>Enabled top-level rules, each of which yields one result.</summary>
    public int RuleCount => _failures.TopLevelCount;

    /// <summary>
    /// Fast path: evaluates every enabled top-level rule and returns the failures. Inputs are given in the
    /// order of <see cref="Inputs"/>. Allocates nothing beyond the arguments when every rule passes.
    /// </summary>
    public RulesVerdict Evaluate(params object?[] inputs)
    {
        var run = new RuleRun(_failures, null);
        Run(inputs, ref run);
        return run.ToVerdict();
    }

    /// <summary>Full evaluation: one result tree per enabled top-level rule, in order, with actions run.</summary>
    public IReadOnlyList<RuleResultTree> Execute(params object?[] inputs)
    {
        var trace = new RuleTrace(_nodes, _globalCount);
        var run = new RuleRun(_failures, trace);
        Run(inputs, ref run);
        if (_withEvaluateRuleAction.Length > 0) RunEvaluateRuleActions(trace, inputs);
        return trace.Build(_topLevel, new NamedValues(_inputNames, (object?[])inputs.Clone()));
    }

    private void Run(object?[] inputs, ref RuleRun run)
    {
        if (inputs.Length != Inputs.Count) CheckInputs(inputs);
        var enclosing = RuleBudget.Begin(_timeout);
        try
        {
            _runner.Run(inputs, ref run);
        }
        catch (InvalidCastException)
        {
            // Only binding the inputs can throw this out of the runner (rules' own exceptions are caught per rule),
            // so the types are checked here, off the hot path, to say which input is wrong.
            CheckInputs(inputs);
            throw;
        }
        finally
        {
            RuleBudget.End(enclosing);
        }
    }

    private void CheckInputs(object?[] inputs)
    {
        if (inputs.Length != Inputs.Count)
            throw new ArgumentException($"Workflow '{WorkflowName}' takes {Inputs.Count} inputs ({string.Join(", ", Inputs.Select(i => i.Name))}); {inputs.Length} were given.");
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is { } value && !Inputs[i].Type.IsInstanceOfType(value))
                throw new ArgumentException($"Input '{Inputs[i].Name}' must be a {Inputs[i].Type.Name}, not a {value.GetType().Name}.");
        }
    }

    private void RunEvaluateRuleActions(RuleTrace trace, object?[] inputs)
    {
        foreach (var node in _withEvaluateRuleAction)
        {
            var succeeded = trace.Succeeded(node.Id);
            var action = succeeded ? node.Rule.Actions?.OnSuccess : node.Rule.Actions?.OnFailure;
            if (ActionKinds.EvaluateRuleOf(action) is not { } target) continue;
            trace.SetAction(node.Id, EvaluateRule(target.Workflow, target.Rule, inputs));
        }
    }

    private ActionResult EvaluateRule(string workflowName, string ruleName, object?[] inputs)
    {
        if (_evaluateRuleDepth >= MaxEvaluateRuleDepth)
            return new ActionResult { ExceptionMessage = $"EvaluateRule nested more than {MaxEvaluateRuleDepth} deep (rules calling each other in a circle?)" };
        _evaluateRuleDepth++;
        try
        {
            // Resolved once per workflow; a target that fails to compile is not kept and is reported each time.
            var results = _evaluateRuleTargets.GetOrAdd(workflowName, _workflowNamed).Execute(inputs);
            var result = results.FirstOrDefault(r => r.Rule.RuleName == ruleName);
            return result is null
                ? new ActionResult { ExceptionMessage = $"Workflow '{workflowName}' has no enabled rule named '{ruleName}'" }
                : new ActionResult { Output = result.ActionResult?.Output ?? result.IsSuccess, ExceptionMessage = result.ExceptionMessage };
        }
        catch (Exception e) when (e is RulesCompilationException or UnknownWorkflowException or ArgumentException)
        {
            return new ActionResult { ExceptionMessage = e.Message };
        }
        finally
        {
            _evaluateRuleDepth--;
        }
    }
}
