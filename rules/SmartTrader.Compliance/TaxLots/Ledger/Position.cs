namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>One account's lots in one symbol (a stock, or one option contract).</summary>
internal sealed class Position(int index, string symbol, string underlying, int multiplier, bool isStock, bool isCallOption, UnderlyingPools pools)
{
    /// <summary>Where the ledger keeps it: sales name their position by this number.</summary>
    public int Index { get; } = index;

    public string Symbol { get; } = symbol;
    public string Underlying { get; } = underlying;

    /// <summary>Shares per unit: 1 for stock, the contract's multiplier for an option.</summary>
    public int Multiplier { get; } = multiplier;

    public bool IsStock { get; } = isStock;

    /// <summary>An option to buy the underlying: buying it acquires replacement shares for the underlying's losses.</summary>
    public bool IsCallOption { get; } = isCallOption;

    public LotChain Long { get; } = new();
    public LotChain Short { get; } = new();

    public decimal ToShares(decimal units) => Multiplier == 1 ? units : units * Multiplier;

    public LotChain Chain(LotDirection direction) => direction == LotDirection.Long ? Long : Short;

    /// <summary>
    /// The pool whose losses lots opened here replace: stock bought or sold short, and calls bought. Null for the
    /// rest (puts, written options), which the rule does not treat as acquiring the underlying.
    /// </summary>
    public WashSalePool? AcquisitionPool(LotDirection direction) =>
        AcquiresUnderlying(IsStock, IsCallOption, direction) ? pools.For(direction) : null;

    /// <summary>Whether opening a lot in this direction acquires the underlying: stock either way, or a call bought.</summary>
    public static bool AcquiresUnderlying(bool isStock, bool isCallOption, LotDirection direction) =>
        isStock || (isCallOption && direction == LotDirection.Long);

    /// <summary>The pool that tests losses on closing lots here: only stock losses are tested.</summary>
    public WashSalePool? LossPool(LotDirection direction) => IsStock ? pools.For(direction) : null;
}
