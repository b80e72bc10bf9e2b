using SmartTrader.Rules.Results;

namespace SmartTrader.Rules.Runtime;

/// <summary>
/// What generated workflow code reports into during one evaluation. A struct passed by reference, so a run in
/// which every rule passes allocates nothing here.
/// </summary>
internal struct RuleRun
{
    private readonly RuleFailureSource _source;
    private RuleFailure[]? _failures;
    private int _count;

    internal RuleRun(RuleFailureSource source, RuleTrace? trace)
    {
        _source = source;
        Trace = trace;
    }

    /// <summary>Set only for a full evaluation; generated code records params and child results through it.</summary>
    public RuleTrace? Trace { get; }

    /// <summary>The top-level rule at <paramref name="topIndex"/> failed; message is its rendered ErrorMessage, if templated.</summary>
    public void Failed(int topIndex, Exception? exception, string? renderedMessage)
    {
        var failure = _source.Failure(topIndex, exception, renderedMessage);
        _failures ??= new RuleFailure[Math.Min(_source.TopLevelCount, 4)];
        if (_count == _failures.Length) Array.Resize(ref _failures, Math.Min(_failures.Length * 2, _source.TopLevelCount));
        _failures[_count++] = failure;
        // As RulesEngine does, a result tree carries a message only when the rule threw or has an ErrorMessage.
        if (exception is not null || _source.TopLevel(topIndex).Rule.ErrorMessage is not null)
            Trace?.TopLevelFailed(_source.TopLevelNodeId(topIndex), failure.Message);
    }

    /// <summary>A global param threw: every top-level rule fails with that reason.</summary>
    public void GlobalsFailed(string param, Exception exception)
    {
        var reason = new RuleParamException(param, exception);
        for (var i = 0; i < _source.TopLevelCount; i++)
        {
            Trace?.Enter(_source.TopLevelNodeId(i));
            Trace?.Leave(_source.TopLevelNodeId(i), false, reason);
            Failed(i, reason, null);
        }
    }

    internal readonly RulesVerdict ToVerdict() =>
        _failures is null ? default : new RulesVerdict(_count == _failures.Length ? _failures : _failures[.._count]);
}

/// <summary>A global or local param's expression threw; names the param.</summary>
public sealed class RuleParamException(string param, Exception inner)
    : Exception($"Param '{param}' threw {inner.GetType().Name}: {inner.Message}", inner);
