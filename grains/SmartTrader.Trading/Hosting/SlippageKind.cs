namespace SmartTrader.Trading.Hosting;

public enum SlippageKind
{
    None,

    /// <summary><see cref="TradingOptions.SlippageBps"/> through the quote on every fill.</summary>
    FixedBps,

    /// <summary><see cref="TradingOptions.SlippageBps"/> through the quote per <see cref="TradingOptions.SlippageBlockShares"/> shares.</summary>
    SizeProportional,
}
