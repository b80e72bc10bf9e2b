using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Broker;

/// <summary>
/// Matches orders against a quote. Buys (Buy, BuyToCover) take the ask and sells (Sell, SellShort) the bid, moved by
/// the slippage model and rounded away from the trader to the tick. A limit order trades only when marketable, at
/// the better of its limit and that price. Market orders take their whole remaining quantity (the simulated book is
/// deep); limit orders take at most <see cref="MaxLimitFillPerQuote"/> shares per quote when it is set.
/// </summary>
public sealed class PaperBroker(ISlippageModel slippage, decimal? maxLimitFillPerQuote = null)
{
    public decimal? MaxLimitFillPerQuote { get; } = maxLimitFillPerQuote;

    public static bool IsBuy(OrderSide side) => side is OrderSide.Buy or OrderSide.BuyToCover;

    public static bool IsMarketable(OrderSide side, decimal? limitPrice, Quote quote) => limitPrice switch
    {
        null => true,
        { } limit => IsBuy(side) ? limit >= quote.Ask : limit <= quote.Bid,
    };

    public static bool IsMarketable(OrderView order, Quote quote) => IsMarketable(order.Side, order.LimitPrice, quote);

    /// <summary>The trade this order would make against <paramref name="quote"/>, or null when it is not marketable.</summary>
    public Execution? Match(OrderView order, Quote quote, decimal tickSize) =>
        order.IsTerminal ? null : Match(order.Side, order.LimitPrice, order.RemainingQuantity, quote, tickSize);

    /// <summary>The trade an order (a limit order when <paramref name="limitPrice"/> is set) would make, or null.</summary>
    public Execution? Match(OrderSide side, decimal? limitPrice, decimal remaining, Quote quote, decimal tickSize)
    {
        if (remaining <= 0m || !IsMarketable(side, limitPrice, quote)) return null;

        var quantity = limitPrice is not null && MaxLimitFillPerQuote is { } cap ? Math.Min(remaining, cap) : remaining;
        var buy = IsBuy(side);
        var reference = buy ? quote.Ask : quote.Bid;
        var impact = slippage.PriceImpact(reference, quantity);
        var price = buy
            ? Money.RoundUpToTick(reference + impact, tickSize)
            : Math.Max(tickSize, Money.RoundDownToTick(reference - impact, tickSize));

        if (limitPrice is { } limit) price = buy ? Math.Min(price, limit) : Math.Max(price, limit);
        return new Execution(quantity, price);
    }
}
