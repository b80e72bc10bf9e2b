namespace SmartTrader.Compliance.DayTrading;

/// <summary>How many day trades one transaction completed, counted both ways.</summary>
internal readonly record struct DayTradesCreated(int Traditional, int DirectionChange)
{
    public int By(DayTradeCounting counting) => counting == DayTradeCounting.Traditional ? Traditional : DirectionChange;

    public static DayTradesCreated operator +(DayTradesCreated a, DayTradesCreated b) =>
        new(a.Traditional + b.Traditional, a.DirectionChange + b.DirectionChange);
}
