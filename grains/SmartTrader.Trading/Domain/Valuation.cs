namespace SmartTrader.Trading.Domain;

/// <summary>
/// The account marked to market. <see cref="MarketValue"/> counts shorts negative; <see cref="GrossExposure"/>
/// adds long and short market values as absolute amounts.
/// </summary>
public sealed record Valuation(decimal Cash, decimal MarketValue, decimal GrossExposure, decimal UnrealizedPnl)
{
    public decimal Equity => Cash + MarketValue;
}
