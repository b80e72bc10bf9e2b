using SmartTrader.Compliance.Margin;

namespace SmartTrader.Trading.Hosting;

/// <summary>
/// Maintenance margin rates for the intraday margin facts (section "Trading:MaintenanceMargin"): shares of market
/// value required for long and short positions, with per-symbol rates for house rules.
/// </summary>
public sealed class MaintenanceMarginSettings
{
    public decimal Long { get; set; } = MaintenanceRates.Finra.Long;
    public decimal Short { get; set; } = MaintenanceRates.Finra.Short;

    /// <summary>Per-symbol rates, e.g. "TSLA": { "Long": 0.40, "Short": 0.40 }.</summary>
    public Dictionary<string, MaintenanceRateSettings> Symbols { get; set; } = [];

    public MaintenanceMarginOptions ToOptions() => new()
    {
        Default = new MaintenanceRates(Long, Short),
        BySymbol = Symbols.ToDictionary(s => s.Key, s => new MaintenanceRates(s.Value.Long, s.Value.Short), StringComparer.Ordinal),
    };
}

public sealed class MaintenanceRateSettings
{
    public decimal Long { get; set; } = MaintenanceRates.Finra.Long;
    public decimal Short { get; set; } = MaintenanceRates.Finra.Short;
}
