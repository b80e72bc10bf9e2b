namespace SmartTrader.Compliance;

/// <summary>An order being judged before it is sent: a fill that has not happened. Without a price, facts that need one use the caller's estimate.</summary>
public sealed record ProposedOrder(
    DateTimeOffset Time,
    string Account,
    string Symbol,
    TradeSide Side,
    decimal Quantity,
    decimal? Price = null,
    IReadOnlyList<string>? Lots = null,
    Instrument? Instrument = null)
{
    public string Underlying => Instrument.UnderlyingOf(Symbol, Instrument);
}
