namespace SmartTrader.Trading.MarketData;

/// <summary>One simulated symbol: how it is shown, where it starts, how much it moves and how wide it quotes.</summary>
public sealed class SymbolSettings
{
    public string Symbol { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Symbols of one sector move together more than symbols of different sectors.</summary>
    public string Sector { get; set; } = "";

    public decimal StartPrice { get; set; }
    public double AnnualVolatility { get; set; }
    public decimal TickSize { get; set; } = 0.01m;

    /// <summary>Quoted spread, in basis points of the price.</summary>
    public decimal SpreadBps { get; set; } = 2m;

    public SymbolInfo ToInfo() => new(Symbol, Name, TickSize);
}
