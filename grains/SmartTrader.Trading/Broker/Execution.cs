namespace SmartTrader.Trading.Broker;

/// <summary>What the paper broker would trade for an order against one quote.</summary>
public sealed record Execution(decimal Quantity, decimal Price);
