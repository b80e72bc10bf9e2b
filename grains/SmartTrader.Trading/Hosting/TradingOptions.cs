using SmartTrader.Trading.Domain;
using SmartTrader.Trading.MarketData;

namespace SmartTrader.Trading.Hosting;

/// <summary>Settings of the trading grains, the paper broker and the simulated market (section "Trading").</summary>
public sealed class TradingOptions
{
    /// <summary>The symbols traded and simulated. Empty means <see cref="DefaultUniverse"/>.</summary>
    public List<SymbolSettings> Symbols { get; set; } = [];

    public double IntraSectorCorrelation { get; set; } = 0.65;
    public double CrossSectorCorrelation { get; set; } = 0.25;

    /// <summary>Seed of the simulated market; the same seed replays the same quotes. Null picks one at start-up.</summary>
    public int? Seed { get; set; }

    public bool FeedEnabled { get; set; } = true;
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a silo answers a symbol's quote from its quote board after the symbol grain posted it there
    /// (<see cref="MarketData.QuoteBoard"/>); after that the symbol grain is asked. Longer than the feed interval, so a
    /// live feed keeps every board fresh. Zero always asks the symbol grain.
    /// </summary>
    public TimeSpan QuoteBoardFreshness { get; set; } = TimeSpan.FromSeconds(1);

    public SlippageKind Slippage { get; set; } = SlippageKind.None;
    public decimal SlippageBps { get; set; }
    public decimal SlippageBlockShares { get; set; } = 100m;

    public decimal CommissionPerShare { get; set; }
    public decimal CommissionMinimumPerOrder { get; set; }

    /// <summary>At most this many shares of a limit order trade per quote; null means the whole remainder.</summary>
    public decimal? MaxLimitFillPerQuote { get; set; }

    /// <summary>UTC time of day at which Day orders expire (21:00 UTC is 16:00 New York in winter); null keeps them open.</summary>
    public TimeSpan? SessionCloseUtc { get; set; } = new(21, 0, 0);

    /// <summary>One-minute bars kept per symbol (the closed ones are stored with the symbol).</summary>
    public int BarHistory { get; set; } = 390;

    public int EquityHistoryCapacity { get; set; } = EquityHistory.DefaultCapacity;

    /// <summary>Reading a portfolio adds an equity point when the latest is older than this.</summary>
    public TimeSpan EquitySampleInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a portfolio waits before sending its owner's tax-lot view the fills a failed call did not deliver.</summary>
    public TimeSpan OwnerRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Every account's risk limits, as the pre-trade rules read them (input <c>limits</c>).</summary>
    public RiskLimitSettings RiskLimits { get; set; } = new();

    /// <summary>Per-account departures from <see cref="RiskLimits"/>, keyed by account id.</summary>
    public Dictionary<string, RiskLimitOverrides> AccountRiskLimits { get; set; } = [];

    /// <summary>Maintenance margin rates of the intraday margin facts (input <c>margin</c>).</summary>
    public MaintenanceMarginSettings MaintenanceMargin { get; set; } = new();

    public IReadOnlyList<SymbolSettings> EffectiveSymbols => Symbols.Count > 0 ? Symbols : DefaultUniverse.Symbols;

    public CommissionSchedule Commission => new(CommissionPerShare, CommissionMinimumPerOrder);
}
