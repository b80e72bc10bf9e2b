namespace SmartTrader.Trading.Broker;

public sealed class NoSlippage : ISlippageModel
{
    public decimal PriceImpact(decimal referencePrice, decimal quantity) => 0m;
}
