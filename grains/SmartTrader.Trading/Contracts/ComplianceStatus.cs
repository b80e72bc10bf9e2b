namespace SmartTrader.Trading;

/// <summary>An account's compliance standing now: its day trades and pattern day trader status, and its margin.</summary>
public sealed record ComplianceStatusView(string Account, string AccountType, DayTradingStatusView DayTrading, MarginStatusView Margin, DateTimeOffset AsOf);

/// <summary>
/// The five business days ending on the current session, and what the pre-trade rules' settings make of them.
/// <see cref="Applicable"/> is false for cash accounts and IRAs, which the pattern day trader rule does not reach.
/// </summary>
public sealed record DayTradingStatusView(
    bool Applicable,
    string Regime,
    string Counting,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    int DayTradesInWindow,
    int TradesInWindow,
    bool PatternDayTrader,
    decimal Equity,
    decimal MinimumEquity);

/// <summary>The account's open tax lots (original and adjusted basis and dates) and its realized sales with their wash-sale adjustments.</summary>
public sealed record TaxLotsView(
    string Account,
    System.Collections.Immutable.ImmutableArray<SmartTrader.Compliance.TaxLots.TaxLot> Lots,
    System.Collections.Immutable.ImmutableArray<SmartTrader.Compliance.TaxLots.RealizedSale> Realized);

/// <summary>Maintenance margin marked to market: requirement = Σ |market value| × the symbol's long or short rate.</summary>
public sealed record MarginStatusView(bool Applicable, decimal Equity, decimal MaintenanceRequirement, decimal Deficit);
