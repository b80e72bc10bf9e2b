using System.Collections.Immutable;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Margin;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Results;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// The compiled pre-trade workflow together with the versions it was compiled from. Immutable, so one reference to it
/// is all an order needs to be judged and stamped by the same versions.
/// </summary>
public sealed class PreTradeGate(CompiledWorkflow workflow, RulesetComposition composition, ComplianceSettings settings)
{
    /// <summary>The pre-trade ruleset's version.</summary>
    public RulesetVersionRef Version { get; } = Ref(composition.Root);

    /// <summary>The versions of the rulesets the pre-trade ruleset injects.</summary>
    public ImmutableArray<RulesetVersionRef> Included { get; } = [.. composition.Included.Select(Ref)];

    /// <summary>Every version in the gate, e.g. "pre-trade@3:ab12… + pdt@1:cd34…".</summary>
    public string Composition { get; } = composition.Key;

    public CompiledWorkflow Workflow { get; } = workflow;

    /// <summary>The settings the rules carry for computing compliance facts.</summary>
    public ComplianceSettings Settings { get; } = settings;

    public DayTradingFactsBuilder DayTradingFacts { get; } = new(settings.DayTrading);

    public RulesVerdict Evaluate(
        OrderFacts order, AccountFacts account, PositionFacts position, QuoteFacts quote, RiskLimits limits,
        DayTradingFacts dayTrading, MarginFacts margin, WashSaleFacts washSale) =>
        Workflow.Evaluate(order, account, position, quote, limits, dayTrading, margin, washSale);

    private static RulesetVersionRef Ref(Rulesets.ActiveRuleset active) => new(active.Ruleset, active.Version, active.ContentHash);
}
