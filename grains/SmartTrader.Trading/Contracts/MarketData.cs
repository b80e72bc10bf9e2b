namespace SmartTrader.Trading;

public sealed record Quote(string Symbol, decimal Bid, decimal Ask, decimal Last, DateTimeOffset Time)
{
    public decimal Mid => (Bid + Ask) / 2m;
}

/// <summary>A one-minute bar of trade (last) prices. <see cref="Start"/> is the minute it covers.</summary>
public sealed record Bar(string Symbol, DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, int Ticks);

public sealed record SymbolInfo(string Symbol, string Name, decimal TickSize);
