using System.Diagnostics.CodeAnalysis;

namespace SmartTrader.Trading;

/// <summary>The symbols this server trades. Lookups ignore case; the catalog's spelling is canonical.</summary>
public interface ISymbolCatalog
{
    IReadOnlyList<SymbolInfo> All { get; }

    bool TryGet(string symbol, [NotNullWhen(true)] out SymbolInfo? info);

    /// <summary>The symbol, or a <see cref="TradingException"/> of kind NotFound.</summary>
    SymbolInfo Get(string symbol) =>
        TryGet(symbol, out var info) ? info : throw new TradingException(TradingErrorKind.NotFound, $"Unknown symbol '{symbol}'.");
}
