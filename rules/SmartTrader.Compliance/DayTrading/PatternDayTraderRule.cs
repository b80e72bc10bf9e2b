namespace SmartTrader.Compliance.DayTrading;

/// <summary>The numbers of FINRA Rule 4210(f)(8)(B).</summary>
public static class PatternDayTraderRule
{
    /// <summary>Day trades are counted over this many business days, ending on the trade date.</summary>
    public const int WindowBusinessDays = 5;

    /// <summary>This many day trades in the window (or more) can make a pattern day trader.</summary>
    public const int DayTradeThreshold = 4;

    /// <summary>The day trades must be more than this share of all trades in the window.</summary>
    public const decimal MinimumShareOfTrades = 0.06m;

    /// <summary>Below this equity at the previous close, a pattern day trader may not day trade.</summary>
    public const decimal MinimumEquity = 25_000m;

    public static bool IsPatternDayTrader(int dayTrades, int trades) =>
        dayTrades >= DayTradeThreshold && dayTrades > MinimumShareOfTrades * trades;
}
