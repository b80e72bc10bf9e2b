namespace SmartTrader.Trading.Broker;

/// <summary>Every fill trades <paramref name="basisPoints"/> through the quote, whatever its size.</summary>
public sealed class FixedBpsSlippage(decimal basisPoints) : ISlippageModel
{
    public decimal BasisPoints { get; } = basisPoints >= 0m ? basisPoints : throw new ArgumentOutOfRangeException(nameof(basisPoints));

    public decimal PriceImpact(decimal referencePrice, decimal quantity) => referencePrice * BasisPoints / 10_000m;
}
