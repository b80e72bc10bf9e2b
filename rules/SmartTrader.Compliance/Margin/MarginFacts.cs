namespace SmartTrader.Compliance.Margin;

/// <summary>
/// What the rules know about maintenance margin when judging one order, before and as if it filled: flat, for JSON
/// rules (<c>margin.BlockedUnderIntradayMarginRegime</c>, or <c>margin.IntradayMarginRegimeApplies &amp;&amp; margin.CreatesOrIncreasesDeficit</c>).
/// Deficit = max(0, requirement − equity). For an account that is not a margin account <see cref="Applicable"/> is false,
/// requirements and deficits are zero and no flag is set; equities are still given.
/// </summary>
public sealed record MarginFacts
{
    public required string Account { get; init; }
    public required string AccountType { get; init; }

    /// <summary>True for margin accounts.</summary>
    public required bool Applicable { get; init; }

    /// <summary>"Legacy" or "IntradayMargin": the regime of the order's trade date.</summary>
    public required string Regime { get; init; }

    /// <summary><see cref="Applicable"/> and the intraday margin regime governs the trade date.</summary>
    public required bool IntradayMarginRegimeApplies { get; init; }

    public required string TradeDate { get; init; }
    public required string Symbol { get; init; }
    public required string Side { get; init; }
    public required decimal Quantity { get; init; }

    /// <summary>The price the order is judged at: its limit, or the caller's estimate, or the symbol's mark.</summary>
    public required decimal Price { get; init; }

    /// <summary>The maintenance rates of the order's symbol.</summary>
    public required decimal LongRate { get; init; }
    public required decimal ShortRate { get; init; }

    public required decimal CurrentEquity { get; init; }
    public required decimal CurrentRequirement { get; init; }
    public required decimal CurrentDeficit { get; init; }
    public required decimal ProjectedEquity { get; init; }
    public required decimal ProjectedRequirement { get; init; }
    public required decimal ProjectedDeficit { get; init; }

    /// <summary>The projected deficit is larger than the current one (which may be zero).</summary>
    public required bool CreatesOrIncreasesDeficit { get; init; }

    /// <summary><see cref="IntradayMarginRegimeApplies"/> and <see cref="CreatesOrIncreasesDeficit"/>.</summary>
    public required bool BlockedUnderIntradayMarginRegime { get; init; }
}
