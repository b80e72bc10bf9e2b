namespace SmartTrader.Trading.MarketData;

/// <summary>Ten large US equities in five sectors, used when no symbols are configured.</summary>
public static class DefaultUniverse
{
    public static IReadOnlyList<SymbolSettings> Symbols { get; } =
    [
        Equity("AAPL", "Apple Inc.", "Technology", 230.00m, 0.28),
        Equity("MSFT", "Microsoft Corporation", "Technology", 420.00m, 0.25),
        Equity("NVDA", "NVIDIA Corporation", "Technology", 130.00m, 0.50),
        Equity("GOOGL", "Alphabet Inc. Class A", "Communication", 170.00m, 0.30),
        Equity("META", "Meta Platforms Inc.", "Communication", 560.00m, 0.38),
        Equity("AMZN", "Amazon.com Inc.", "Consumer", 185.00m, 0.32),
        Equity("JPM", "JPMorgan Chase & Co.", "Financials", 230.00m, 0.22),
        Equity("BAC", "Bank of America Corporation", "Financials", 42.00m, 0.27, spreadBps: 3m),
        Equity("XOM", "Exxon Mobil Corporation", "Energy", 115.00m, 0.24),
        Equity("CVX", "Chevron Corporation", "Energy", 155.00m, 0.25),
    ];

    private static SymbolSettings Equity(string symbol, string name, string sector, decimal price, double volatility, decimal spreadBps = 2m) => new()
    {
        Symbol = symbol, Name = name, Sector = sector, StartPrice = price, AnnualVolatility = volatility, TickSize = 0.01m, SpreadBps = spreadBps,
    };
}
