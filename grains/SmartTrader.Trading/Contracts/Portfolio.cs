using System.Collections.Immutable;

namespace SmartTrader.Trading;

public sealed record OpenAccountRequest(string Name, AccountType Type, decimal InitialCash, string Owner);

public sealed record AccountInfo(string Account, string Name, AccountType Type, string Owner, DateTimeOffset OpenedAt);

public sealed record PositionView(
    string Symbol,
    decimal Quantity,
    decimal AverageCost,
    decimal MarketPrice,
    decimal MarketValue,
    decimal UnrealizedPnl,
    decimal RealizedPnl);

public sealed record TaxLotView(string LotId, string Symbol, decimal Quantity, decimal CostPerShare, DateTimeOffset AcquiredAt);

public sealed record EquityPoint(DateTimeOffset Time, decimal Equity, decimal Cash);

public sealed record PortfolioView(
    AccountInfo Account,
    decimal Cash,
    decimal ReservedCash,
    decimal BuyingPower,
    decimal Equity,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    ImmutableArray<PositionView> Positions,
    ImmutableArray<TaxLotView> TaxLots,
    ImmutableArray<OrderView> OpenOrders,
    DateTimeOffset AsOf);
