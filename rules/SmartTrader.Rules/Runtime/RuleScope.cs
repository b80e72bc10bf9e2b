namespace SmartTrader.Rules.Runtime;

/// <summary>
/// Base of the class generated for each workflow. The generated class holds the inputs and global params as
/// fields, so rule expressions name them directly, and one small method per expression. Its members here carry
/// double-underscore names so no input or param can hide them.
/// </summary>
public abstract class RuleScope
{
    /// <summary>Set for a full evaluation only; generated code records params and child results through it.</summary>
    public RuleTrace? __trace;

    public abstract void __Bind(object?[] inputs);

    public abstract void __Clear();

    /// <summary>The top-level rule <see cref="__NextFailure"/> is evaluating, for when it throws.</summary>
    public int __at;

    /// <summary>Evaluates the global params in order; returns what the first failing one threw, naming it.</summary>
    public abstract Exception? __ComputeGlobals(out string? param);

    /// <summary>
    /// The untraced path: evaluates top-level rules from <paramref name="from"/> in order with direct calls and
    /// returns the index of the first that fails, or -1. What a rule throws propagates, with <see cref="__at"/> set.
    /// </summary>
    public abstract int __NextFailure(int from);
}
