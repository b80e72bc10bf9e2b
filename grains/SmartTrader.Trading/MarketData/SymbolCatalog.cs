using System.Diagnostics.CodeAnalysis;

namespace SmartTrader.Trading.MarketData;

public sealed class SymbolCatalog : ISymbolCatalog
{
    private readonly Dictionary<string, SymbolInfo> _bySymbol;

    public SymbolCatalog(IEnumerable<SymbolSettings> symbols)
    {
        All = symbols.Select(s => s.ToInfo()).ToArray();
        _bySymbol = new Dictionary<string, SymbolInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var info in All)
        {
            if (string.IsNullOrWhiteSpace(info.Symbol)) throw new ArgumentException("A symbol has no ticker.", nameof(symbols));
            if (info.TickSize <= 0m) throw new ArgumentException($"{info.Symbol} has tick size {info.TickSize}; it must be positive.", nameof(symbols));
            if (!_bySymbol.TryAdd(info.Symbol, info)) throw new ArgumentException($"{info.Symbol} is listed twice.", nameof(symbols));
        }
    }

    public IReadOnlyList<SymbolInfo> All { get; }

    public bool TryGet(string symbol, [NotNullWhen(true)] out SymbolInfo? info) => _bySymbol.TryGetValue(symbol, out info);
}
