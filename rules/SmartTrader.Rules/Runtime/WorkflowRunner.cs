using SmartTrader.Rules.Compilation;

namespace SmartTrader.Rules.Runtime;

/// <summary>Runs a compiled workflow's rules against one set of inputs.</summary>
internal interface IWorkflowRunner
{
    void Run(object?[] inputs, ref RuleRun run);
}

/// <summary>
/// The evaluation loop, written once rather than generated per workflow: binds a scope (reused per thread),
/// computes the global params, then calls each top-level rule's method through an open-instance delegate,
/// catching what it throws so one rule's failure never stops the others.
/// </summary>
internal sealed class WorkflowRunner<TScope> : IWorkflowRunner where TScope : RuleScope, new()
{
    [ThreadStatic] private static TScope? _spare;

    private readonly Func<TScope, bool>[] _rules;
    private readonly int[] _nodeIds;
    private readonly bool[] _hasFastForm;
    private readonly MessagePart<TScope>[]?[] _messages;
    private readonly Func<TScope, object?>?[] _onSuccess;
    private readonly Func<TScope, object?>?[] _onFailure;

    /// <summary>
    /// The generated methods of one workflow, bound to delegates, each array indexed by top-level rule.
    /// <paramref name="hasFastForm"/> marks the nested rules the untraced path evaluates in a fast form.
    /// </summary>
    public WorkflowRunner(
        Func<TScope, bool>[] rules, int[] nodeIds, bool[] hasFastForm, MessagePart<TScope>[]?[] messages,
        Func<TScope, object?>?[] onSuccess, Func<TScope, object?>?[] onFailure)
    {
        _rules = rules;
        _nodeIds = nodeIds;
        _hasFastForm = hasFastForm;
        _messages = messages;
        _onSuccess = onSuccess;
        _onFailure = onFailure;
    }

    public void Run(object?[] inputs, ref RuleRun run)
    {
        var scope = _spare ?? new TScope();
        _spare = null;
        var trace = run.Trace;
        try
        {
            scope.__trace = trace;
            scope.__Bind(inputs);
            if (scope.__ComputeGlobals(out var param) is { } failure)
            {
                run.GlobalsFailed(param!, failure);
                return;
            }
            if (trace is null)
            {
                RunUntraced(scope, ref run);
                return;
            }
            for (var i = 0; i < _rules.Length; i++)
            {
                bool passed;
                Exception? thrown = null;
                trace.Enter(_nodeIds[i]);
                try
                {
                    passed = _rules[i](scope);
                }
                catch (Exception e)
                {
                    passed = false;
                    thrown = e;
                }
                trace.Leave(_nodeIds[i], passed, thrown);
                if (!passed) run.Failed(i, thrown, thrown is null ? Message(scope, i) : null);
                RunAction(scope, trace, i, passed);
            }
        }
        finally
        {
            scope.__trace = null;
            scope.__Clear();
            _spare = scope;
        }
    }

    private void RunUntraced(TScope scope, ref RuleRun run)
    {
        var from = 0;
        while (from < _rules.Length)
        {
            int failed;
            try
            {
                failed = scope.__NextFailure(from);
            }
            catch (Exception e)
            {
                failed = scope.__at;
                from = failed + 1;
                // A child of a nested rule threw out of the fast form; the full method counts that child as failed.
                if (_hasFastForm[failed]) RunFullForm(scope, failed, ref run);
                else run.Failed(failed, e, null);
                continue;
            }
            if (failed < 0) return;
            run.Failed(failed, null, Message(scope, failed));
            from = failed + 1;
        }
    }

    private void RunFullForm(TScope scope, int index, ref RuleRun run)
    {
        bool passed;
        try
        {
            passed = _rules[index](scope);
        }
        catch (Exception e)
        {
            run.Failed(index, e, null);
            return;
        }
        if (!passed) run.Failed(index, null, Message(scope, index));
    }

    private string? Message(TScope scope, int index) => _messages[index] is { } parts ? Render(scope, parts) : null;

    private void RunAction(TScope scope, RuleTrace trace, int index, bool passed)
    {
        var action = passed ? _onSuccess[index] : _onFailure[index];
        if (action is null) return;
        try
        {
            trace.Action(_nodeIds[index], action(scope), null);
        }
        catch (Exception e)
        {
            trace.Action(_nodeIds[index], null, e);
        }
    }

    private static string Render(TScope scope, MessagePart<TScope>[] parts)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part.Value is null) { text.Append(part.Text); continue; }
            try
            {
                text.Append(part.Value(scope));
            }
            catch (Exception)
            {
                text.Append(part.Text);
            }
        }
        return text.ToString();
    }
}

/// <summary>Literal text, or a placeholder's compiled value (its <see cref="Text"/> is kept for when it throws).</summary>
internal sealed record MessagePart<TScope>(string Text, Func<TScope, string>? Value);
