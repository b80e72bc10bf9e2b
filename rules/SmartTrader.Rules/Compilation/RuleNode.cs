using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// One rule of a compiled workflow, numbered in pre-order. Top-level rules also carry their position among the
/// workflow's enabled top-level rules.
/// </summary>
internal sealed class RuleNode(int id, Rule rule, int topIndex, IReadOnlyList<int> children, bool hasLocalParams)
{
    public int Id { get; } = id;
    public Rule Rule { get; } = rule;
    public int TopIndex { get; } = topIndex;
    public IReadOnlyList<int> Children { get; } = children;
    public Severity Severity { get; } = RuleProperties.SeverityOf(rule);
    public string? Reference { get; } = RuleProperties.ReferenceOf(rule);
    public MessageTemplate Message { get; } = MessageTemplate.Parse(rule.ErrorMessage);
    public bool IsNested => Children.Count > 0;

    /// <summary>The rule or a rule below it declares local params.</summary>
    public bool HasLocalParams { get; } = hasLocalParams;

    /// <summary>
    /// A nested rule also gets a fast form for the untraced path: its children combined in one short-circuit
    /// expression, with no handlers and no trace calls, so the JIT can inline it. A child that throws escapes the fast
    /// form; the runner then asks the full method, which counts that child as failed. Local params need the full method.
    /// </summary>
    public bool HasFastForm => IsNested && !HasLocalParams;
}
