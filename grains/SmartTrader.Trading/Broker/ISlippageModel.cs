namespace SmartTrader.Trading.Broker;

/// <summary>How far a fill trades through the quote: a non-negative price amount, added for buys and taken off for sells.</summary>
public interface ISlippageModel
{
    decimal PriceImpact(decimal referencePrice, decimal quantity);
}
