namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// The account's position in the order's symbol (input <c>position</c>); all zero when it holds none. Quantities are
/// signed: short positions and short sells are negative.
/// </summary>
/// <param name="MarketValue">Quantity times the last price (the quote's, else the position's last trade), in cents.</param>
/// <param name="PendingQuantity">What the account's open orders that increase exposure in this symbol still have to
/// trade, signed.</param>
public sealed record PositionFacts(string Symbol, decimal Quantity, decimal AverageCost, decimal MarketValue, decimal PendingQuantity);
