namespace SmartTrader.Trading.Domain;

/// <summary>Shares acquired in one fill. <see cref="Quantity"/> is negative for a short lot.</summary>
public sealed record TaxLot(string LotId, string Symbol, decimal Quantity, decimal CostPerShare, DateTimeOffset AcquiredAt);
