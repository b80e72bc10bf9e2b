namespace SmartTrader.Trading.Hosting;

/// <summary>
/// Default risk limits of every account (section <c>Trading:RiskLimits</c>). The defaults stop fat fingers and runaway
/// loops without getting in the way of ordinary trading; set the firm's own figures in configuration.
/// </summary>
public sealed class RiskLimitSettings
{
    public decimal MaxOrderQuantity { get; set; } = 100_000m;
    public decimal MaxOrderNotional { get; set; } = 5_000_000m;
    public decimal PriceCollarPercent { get; set; } = 10m;
    public decimal MaxPositionQuantity { get; set; } = 500_000m;
    public decimal MaxGrossExposure { get; set; } = 50_000_000m;
    public decimal MaxConcentrationPercent { get; set; } = 25m;
    public List<string> RestrictedSymbols { get; set; } = [];
    public int MaxOrdersPerSecond { get; set; } = 50;
    public decimal MaxDailyLoss { get; set; } = 250_000m;
}

/// <summary>
/// One account's departures from <see cref="RiskLimitSettings"/> (section <c>Trading:AccountRiskLimits:{account}</c>).
/// A value left out keeps the default; restricted symbols are added to the default list, never removed from it.
/// </summary>
public sealed class RiskLimitOverrides
{
    public decimal? MaxOrderQuantity { get; set; }
    public decimal? MaxOrderNotional { get; set; }
    public decimal? PriceCollarPercent { get; set; }
    public decimal? MaxPositionQuantity { get; set; }
    public decimal? MaxGrossExposure { get; set; }
    public decimal? MaxConcentrationPercent { get; set; }
    public List<string> RestrictedSymbols { get; set; } = [];
    public int? MaxOrdersPerSecond { get; set; }
    public decimal? MaxDailyLoss { get; set; }
}
