namespace SmartTrader.Compliance.DayTrading;

/// <summary>The ruleset's day-trading settings: which regime governs which dates, and how day trades are counted.</summary>
public sealed record DayTradingSettings(DayTradingRegimeSetting Regime, DayTradeCounting Counting)
{
    public static DayTradingSettings Default { get; } = new(DayTradingRegimeSetting.Default, DayTradeCounting.Traditional);
}
