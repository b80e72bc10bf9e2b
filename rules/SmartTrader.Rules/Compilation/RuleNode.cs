using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// One rule of a compiled workflow, numbered in pre-order. Top-level rules also carry their position among the
/// workflow's enabled top-level rules.
/// </summary>
internal sealed class RuleNode(int id, Rule rule, int topIndex, IReadOnlyList<int> children)
{
    public int Id { get; } = id;
    public Rule Rule { get; } = rule;
    public int TopIndex { get; } = topIndex;
    public IReadOnlyList<int> Children { get; } = children;
    public Severity Severity { get; } = RuleProperties.SeverityOf(rule);
    public string? Reference { get; } = RuleProperties.ReferenceOf(rule);
    public MessageTemplate Message { get; } = MessageTemplate.Parse(rule.ErrorMessage);
    public bool IsNested => Children.Count > 0;
}
