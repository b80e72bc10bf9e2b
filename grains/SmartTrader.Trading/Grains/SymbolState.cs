namespace SmartTrader.Trading.Grains;

/// <summary>A symbol's closed one-minute bars, oldest first: what survives its activation.</summary>
public sealed class SymbolState
{
    public List<Bar> Bars { get; set; } = [];
}
