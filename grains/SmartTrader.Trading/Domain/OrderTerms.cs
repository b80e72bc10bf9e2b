namespace SmartTrader.Trading.Domain;

/// <summary>
/// What makes two submissions the same order. A resubmitted clientOrderId must match all of it to be a duplicate;
/// an order's recorded snapshots may never change it.
/// </summary>
public readonly record struct OrderTerms(string Symbol, OrderSide Side, OrderType Type, decimal Quantity, decimal? LimitPrice, TimeInForce TimeInForce)
{
    public static OrderTerms Of(OrderView order) =>
        new(order.Symbol, order.Side, order.Type, order.Quantity, order.LimitPrice, order.TimeInForce);

    public static OrderTerms Of(PlaceOrderRequest request) =>
        new(request.Symbol, request.Side, request.Type, request.Quantity, request.LimitPrice, request.TimeInForce);
}
