namespace SmartTrader.Compliance.DayTrading;

/// <summary>Trades and day trades (counted both ways) over the business days from <see cref="Start"/> to <see cref="End"/>.</summary>
public readonly record struct DayTradeWindow(
    DateOnly Start, DateOnly End, int Trades, int TraditionalDayTrades, int DirectionChangeDayTrades)
{
    public int DayTrades(DayTradeCounting counting) =>
        counting == DayTradeCounting.Traditional ? TraditionalDayTrades : DirectionChangeDayTrades;
}
