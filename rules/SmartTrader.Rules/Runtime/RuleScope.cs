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

    /// <summary>Evaluates the global params in order; returns what the first failing one threw, naming it.</summary>
    public abstract Exception? __ComputeGlobals(out string? param);
}
