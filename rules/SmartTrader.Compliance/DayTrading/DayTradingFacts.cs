namespace SmartTrader.Compliance.DayTrading;

/// <summary>
/// What the rules know about day trading when judging one order: flat, with dates as "yyyy-MM-dd", so a JSON rule
/// can read it (<c>dayTrading.BlockedUnderLegacyRegime</c>, or spelled out:
/// <c>dayTrading.LegacyRegimeApplies &amp;&amp; dayTrading.WouldBeDayTrade &amp;&amp; dayTrading.DayTradesAfterOrder &gt;= 4 &amp;&amp; dayTrading.Equity &lt; 25000</c>).
/// Counts include open orders as if they filled in full, in the order given, before this one. For an account
/// outside the rule (not a margin account) <see cref="Applicable"/> is false and every count and flag is zero/false.
/// </summary>
public sealed record DayTradingFacts
{
    public required string Account { get; init; }
    public required string AccountType { get; init; }

    /// <summary>True for margin accounts: the pattern day trader rule does not reach cash accounts or IRAs.</summary>
    public required bool Applicable { get; init; }

    /// <summary>"Legacy" or "IntradayMargin": the regime of the order's trade date under the ruleset's setting.</summary>
    public required string Regime { get; init; }

    /// <summary><see cref="Applicable"/> and the legacy regime governs the trade date.</summary>
    public required bool LegacyRegimeApplies { get; init; }

    /// <summary>"Traditional" or "DirectionChange".</summary>
    public required string Counting { get; init; }

    public required string Symbol { get; init; }
    public required string TradeDate { get; init; }

    /// <summary>First of the five business days ending on <see cref="TradeDate"/>.</summary>
    public required string WindowStart { get; init; }

    public required string WindowEnd { get; init; }

    /// <summary>Day trades already executed in the window.</summary>
    public required int DayTradesInWindow { get; init; }

    /// <summary>Trades (orders, or fills without an order id) already executed in the window, in every security.</summary>
    public required int TradesInWindow { get; init; }

    /// <summary>The open orders taken into account.</summary>
    public required int OpenOrders { get; init; }

    /// <summary>Day trades the open orders would complete if they filled in full.</summary>
    public required int PendingDayTrades { get; init; }

    /// <summary>Day trades this order would complete if it filled in full, after the open orders.</summary>
    public required int DayTradesCreatedByOrder { get; init; }

    public required bool WouldBeDayTrade { get; init; }

    /// <summary><see cref="DayTradesInWindow"/> + <see cref="PendingDayTrades"/> + <see cref="DayTradesCreatedByOrder"/>.</summary>
    public required int DayTradesAfterOrder { get; init; }

    /// <summary><see cref="TradesInWindow"/> + <see cref="OpenOrders"/> + 1.</summary>
    public required int TradesAfterOrder { get; init; }

    /// <summary>4 or more day trades in the window, and more than 6% of its trades, before this order.</summary>
    public required bool PatternDayTrader { get; init; }

    /// <summary>The same test on the counts after this order.</summary>
    public required bool PatternDayTraderAfterOrder { get; init; }

    /// <summary>The account's equity at the previous close.</summary>
    public required decimal Equity { get; init; }

    public required decimal MinimumEquity { get; init; }
    public required bool BelowMinimumEquity { get; init; }

    /// <summary>
    /// The legacy regime governs, the order would complete a day trade that brings the window to 4 or more, and the
    /// equity is below $25,000: the order would make (or keep) the account a pattern day trader it cannot fund.
    /// </summary>
    public required bool BlockedUnderLegacyRegime { get; init; }
}
