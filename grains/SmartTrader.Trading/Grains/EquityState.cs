namespace SmartTrader.Trading.Grains;

/// <summary>A portfolio's equity history, oldest first, kept apart from the portfolio's state.</summary>
public sealed class EquityState
{
    public List<EquityPoint> Points { get; set; } = [];
}
