namespace SmartTrader.Compliance.Margin;

/// <summary>Maintenance requirement as a share of market value: <see cref="Long"/> for long positions, <see cref="Short"/> for shorts.</summary>
public sealed record MaintenanceRates(decimal Long, decimal Short)
{
    /// <summary>FINRA Rule 4210(c): 25% of long market value, 30% of short market value.</summary>
    public static MaintenanceRates Finra { get; } = new(0.25m, 0.30m);
}

/// <summary>The maintenance rates in force: <see cref="Default"/>, and per-symbol rates (house rules, options, concentrated or low-priced securities).</summary>
public sealed record MaintenanceMarginOptions
{
    public MaintenanceRates Default { get; init; } = MaintenanceRates.Finra;

    public IReadOnlyDictionary<string, MaintenanceRates> BySymbol { get; init; } = new Dictionary<string, MaintenanceRates>();

    public static MaintenanceMarginOptions Finra { get; } = new();

    public MaintenanceRates RatesFor(string symbol) => BySymbol.Count == 0 ? Default : BySymbol.GetValueOrDefault(symbol) ?? Default;
}
