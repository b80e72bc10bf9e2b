using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Results;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// The compiled pre-trade workflow together with the version it was compiled from. Immutable, so one reference to it
/// is all an order needs to be judged and stamped by the same version.
/// </summary>
public sealed class PreTradeGate(CompiledWorkflow workflow, RulesetVersionRef version)
{
    public RulesetVersionRef Version { get; } = version;

    public CompiledWorkflow Workflow { get; } = workflow;

    public RulesVerdict Evaluate(OrderFacts order, AccountFacts account, PositionFacts position, QuoteFacts quote, RiskLimits limits) =>
        Workflow.Evaluate(order, account, position, quote, limits);
}
