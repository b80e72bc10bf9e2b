namespace SmartTrader.Trading.MarketData;

public static class CorrelationMatrix
{
    /// <summary>Ones on the diagonal, <paramref name="intraSector"/> within a sector, <paramref name="crossSector"/> across.</summary>
    public static double[,] FromSectors(IReadOnlyList<SymbolSettings> symbols, double intraSector, double crossSector)
    {
        var matrix = new double[symbols.Count, symbols.Count];
        for (var i = 0; i < symbols.Count; i++)
        for (var j = 0; j < symbols.Count; j++)
            matrix[i, j] = i == j ? 1.0
                : string.Equals(symbols[i].Sector, symbols[j].Sector, StringComparison.OrdinalIgnoreCase) ? intraSector
                : crossSector;
        return matrix;
    }
}
