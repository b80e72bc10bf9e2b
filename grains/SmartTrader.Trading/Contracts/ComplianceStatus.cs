using System.Collections.Immutable;
using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Trading;

/// <summary>An account's compliance standing now: its day trades and pattern day trader status, its margin, and its owner's recent losses.</summary>
public sealed record ComplianceStatusView(
    string Account, string AccountType, DayTradingStatusView DayTrading, MarginStatusView Margin, WashSaleStatusView WashSale, DateTimeOffset AsOf);

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
    ImmutableArray<TaxLot> Lots,
    ImmutableArray<RealizedSale> Realized);

/// <summary>
/// What the wash-sale rule holds against new orders of the account: the loss sales of the last 30 days in any taxable
/// account of its owner (<see cref="Accounts"/>: the accounts that count as one taxpayer), whether or not they have
/// been replaced yet.
/// </summary>
public sealed record WashSaleStatusView(string Owner, ImmutableArray<string> Accounts, ImmutableArray<RecentLossView> RecentLosses);

/// <summary>
/// One loss sale (or cover of a short at a loss) of the last 30 days. Acquiring its underlying (a buy or a call; for
/// a short loss, a short sale) in any of the owner's accounts on or before <see cref="WindowEnds"/> washes up to
/// <see cref="OpenQuantity"/> more shares of it, disallowing up to <see cref="OpenLoss"/>. <see cref="Replacements"/>
/// are the purchases, in whichever account, that already washed it.
/// </summary>
/// <param name="Loss">The loss realized, as a positive amount.</param>
/// <param name="DisallowedLoss">The part of it already disallowed by <see cref="Replacements"/>.</param>
public sealed record RecentLossView(
    string Account,
    string LotId,
    string Symbol,
    LotDirection Direction,
    DateOnly SaleDate,
    DateOnly WindowEnds,
    decimal Quantity,
    decimal Loss,
    decimal DisallowedLoss,
    decimal OpenQuantity,
    decimal OpenLoss,
    IReadOnlyList<WashSaleMatch> Replacements);

/// <summary>Maintenance margin marked to market: requirement = Σ |market value| × the symbol's long or short rate.</summary>
public sealed record MarginStatusView(bool Applicable, decimal Equity, decimal MaintenanceRequirement, decimal Deficit);
