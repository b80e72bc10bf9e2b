namespace SmartTrader.Compliance;

/// <summary>
/// One execution. <see cref="Quantity"/> is positive (shares, or contracts for an option); <see cref="Side"/> gives
/// the direction. <see cref="Lots"/> names the tax lots a sale closes (specific-lot selection); without it lots close
/// first in, first out. <see cref="Instrument"/> is null for the stock named by <see cref="Symbol"/>.
/// </summary>
public sealed record Fill(
    DateTimeOffset Time,
    string Account,
    string Symbol,
    TradeSide Side,
    decimal Quantity,
    decimal Price,
    IReadOnlyList<string>? Lots = null,
    Instrument? Instrument = null)
{
    /// <summary>The security whose shares this fill trades or gives a right to: the option's underlying, or the symbol.</summary>
    public string Underlying => Instrument.UnderlyingOf(Symbol, Instrument);

    /// <summary>
    /// <paramref name="fills"/> sorted by time, stably (fills at the same time keep their order); a list already in
    /// time order is returned as it is, not re-sorted.
    /// </summary>
    internal static IReadOnlyList<Fill> InTimeOrder(IEnumerable<Fill> fills)
    {
        var list = fills as IReadOnlyList<Fill> ?? [.. fills];
        for (var i = 1; i < list.Count; i++)
            if (list[i].Time < list[i - 1].Time) return [.. list.OrderBy(f => f.Time)];
        return list;
    }
}
