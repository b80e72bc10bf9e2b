namespace SmartTrader.Trading.Broker;

/// <summary>A fill trades <paramref name="basisPointsPerBlock"/> through the quote for every <paramref name="blockShares"/> shares.</summary>
public sealed class SizeProportionalSlippage(decimal basisPointsPerBlock, decimal blockShares) : ISlippageModel
{
    public decimal BasisPointsPerBlock { get; } = basisPointsPerBlock >= 0m ? basisPointsPerBlock : throw new ArgumentOutOfRangeException(nameof(basisPointsPerBlock));
    public decimal BlockShares { get; } = blockShares > 0m ? blockShares : throw new ArgumentOutOfRangeException(nameof(blockShares));

    public decimal PriceImpact(decimal referencePrice, decimal quantity) =>
        referencePrice * BasisPointsPerBlock * (quantity / BlockShares) / 10_000m;
}
