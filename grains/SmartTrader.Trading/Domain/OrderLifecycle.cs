using System.Collections.Immutable;

namespace SmartTrader.Trading.Domain;

/// <summary>Moves an order through its lifecycle. Each step returns a new snapshot with the version raised by one.</summary>
public static class OrderLifecycle
{
    public static OrderView Create(string orderId, string account, PlaceOrderRequest request, DateTimeOffset now) => new(
        orderId, request.ClientOrderId, account, request.Symbol, request.Side, request.Type, request.Quantity, request.LimitPrice,
        request.TimeInForce, OrderStatus.New, FilledQuantity: 0m, AverageFillPrice: null, RejectReason: null,
        CreatedAt: now, UpdatedAt: now, Fills: [], Version: 1);

    public static OrderView Accept(OrderView order, DateTimeOffset now) => Move(order, OrderStatus.Accepted, now);

    public static OrderView Reject(OrderView order, string reason, DateTimeOffset now) =>
        Move(order, OrderStatus.Rejected, now) with { RejectReason = reason };

    public static OrderView Cancel(OrderView order, DateTimeOffset now) => Move(order, OrderStatus.Cancelled, now);

    public static OrderView ApplyFill(OrderView order, Fill fill, DateTimeOffset now)
    {
        if (fill.OrderId != order.OrderId) throw new ArgumentException($"Fill {fill.FillId} is for order {fill.OrderId}, not {order.OrderId}.", nameof(fill));
        if (fill.Quantity <= 0m) throw new ArgumentException($"Fill {fill.FillId} has no quantity.", nameof(fill));
        var filled = order.FilledQuantity + fill.Quantity;
        var to = filled == order.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        var moved = Move(order, to, now);
        if (filled > order.Quantity)
            throw new TradingException(TradingErrorKind.Conflict, $"Fill {fill.FillId} of {fill.Quantity} exceeds the {order.RemainingQuantity} left on order {order.OrderId}.");

        var fills = order.Fills.Add(fill);
        return moved with { FilledQuantity = filled, AverageFillPrice = VolumeWeightedPrice(fills), Fills = fills };
    }

    /// <summary>True when a resubmission names the same order (see <see cref="OrderTerms"/>).</summary>
    public static bool SameTerms(OrderView order, PlaceOrderRequest request) => OrderTerms.Of(order) == OrderTerms.Of(request);

    private static decimal VolumeWeightedPrice(ImmutableArray<Fill> fills) =>
        Math.Round(fills.Sum(f => f.Quantity * f.Price) / fills.Sum(f => f.Quantity), 4, MidpointRounding.AwayFromZero);

    private static OrderView Move(OrderView order, OrderStatus to, DateTimeOffset now)
    {
        if (!OrderTransitions.IsLegal(order.Status, to)) throw new IllegalOrderTransitionException(order.OrderId, order.Status, to);
        return order with { Status = to, UpdatedAt = now, Version = order.Version + 1 };
    }
}
