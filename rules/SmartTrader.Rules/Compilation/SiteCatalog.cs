using SmartTrader.Rules.Expressions;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// Every expression site of a workflow, made once and reused by each generated source (the global-type probe and
/// the workflow itself), so a name corrected in one is corrected in all.
/// </summary>
internal sealed class SiteCatalog(string workflowName)
{
    private readonly Dictionary<(object Owner, string Field), ExpressionSite> _sites = [];

    public IEnumerable<ExpressionSite> All => _sites.Values;

    public ExpressionSite Global(ScopedParam param, string workflow) =>
        Get(param, $"GlobalParams[{param.Name}]", () => new SiteOwner(workflow, null, $"GlobalParams[{param.Name}]"), param.Expression);

    public ExpressionSite Local(RuleNode node, ScopedParam param) =>
        Get(param, $"LocalParams[{param.Name}]", () => new SiteOwner(workflowName, node.Rule.RuleName, $"LocalParams[{param.Name}]"), param.Expression);

    public ExpressionSite Expression(RuleNode node) =>
        Get(node, "Expression", () => new SiteOwner(workflowName, node.Rule.RuleName, "Expression"), node.Rule.Expression);

    public ExpressionSite Placeholder(RuleNode node, string placeholder, int index) =>
        Get(node, $"ErrorMessage#{index}", () => new SiteOwner(workflowName, node.Rule.RuleName, $"ErrorMessage $({placeholder})"), placeholder);

    public ExpressionSite Action(RuleNode node, string field, string expression) =>
        Get(node, field, () => new SiteOwner(workflowName, node.Rule.RuleName, field), expression);

    private ExpressionSite Get(object owner, string field, Func<SiteOwner> describe, string? text)
    {
        if (!_sites.TryGetValue((owner, field), out var site))
            _sites[(owner, field)] = site = ExpressionSite.Prepare(describe(), text);
        return site;
    }
}
