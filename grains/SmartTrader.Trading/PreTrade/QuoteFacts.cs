namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// The symbol's latest quote (input <c>quote</c>). A limit order may be placed before the first quote arrives; then
/// <see cref="IsAvailable"/> is false and the prices are 0.
/// </summary>
public sealed record QuoteFacts(bool IsAvailable, decimal Bid, decimal Ask, decimal Last, DateTimeOffset Time)
{
    public static readonly QuoteFacts None = new(false, 0m, 0m, 0m, DateTimeOffset.MinValue);

    public static QuoteFacts Of(Quote? quote) =>
        quote is null ? None : new QuoteFacts(true, quote.Bid, quote.Ask, quote.Last, quote.Time);
}
