using System.Collections.Immutable;
using SmartTrader.Runtime;

namespace SmartTrader.Trading;

/// <summary>A limit order waiting at the paper venue for a quote that crosses it.</summary>
public sealed record RestingOrder(string OrderId, string Account, string Symbol, OrderSide Side, decimal LimitPrice, decimal Quantity, decimal Remaining)
{
    public decimal FilledQuantity => Quantity - Remaining;

    public static RestingOrder From(OrderView order) => new(
        order.OrderId, order.Account, order.Symbol, order.Side,
        order.LimitPrice ?? throw new ArgumentException($"Order {order.OrderId} has no limit price; only limit orders rest.", nameof(order)),
        order.Quantity, order.RemainingQuantity);
}

/// <summary>
/// Key: ticker. The simulated exchange's book of resting limit orders for one symbol. On every quote it offers each
/// crossing order a fill through <see cref="IPortfolioGrain.ApplyVenueFill"/>; the portfolio decides, and an order it
/// no longer holds open is dropped.
/// </summary>
public interface IPaperVenueGrain : IGrainWithStringKey
{
    /// <summary>Adds the order, or updates its remaining quantity if it already rests.</summary>
    Task Rest(RestingOrder order);

    Task Remove(string orderId);

    Task<ImmutableArray<RestingOrder>> GetResting();

    Task OnQuote(Quote quote);
}
