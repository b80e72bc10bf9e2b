using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Margin;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Rules.Compilation;

namespace SmartTrader.Trading.PreTrade;

/// <summary>The ruleset every order passes before the portfolio accepts it, and the inputs its rules are written against.</summary>
public static class PreTradeRuleset
{
    /// <summary>The ruleset's name, which is also the name of the workflow it evaluates.</summary>
    public const string Name = "pre-trade";

    /// <summary>The typed inputs of a ruleset this silo evaluates, by name; null for any other ruleset.</summary>
    public static IReadOnlyList<RuleInput>? InputsFor(string ruleset) => ruleset == Name ? Inputs : null;

    /// <summary>Inputs in the order <see cref="PreTradeGate.Evaluate"/> passes them.</summary>
    public static IReadOnlyList<RuleInput> Inputs { get; } =
    [
        new("order", typeof(OrderFacts)),
        new("account", typeof(AccountFacts)),
        new("position", typeof(PositionFacts)),
        new("quote", typeof(QuoteFacts)),
        new("limits", typeof(RiskLimits)),
        new("dayTrading", typeof(DayTradingFacts)),
        new("margin", typeof(MarginFacts)),
        new("washSale", typeof(WashSaleFacts)),
    ];
}
