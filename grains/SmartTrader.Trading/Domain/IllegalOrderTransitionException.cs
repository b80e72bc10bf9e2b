namespace SmartTrader.Trading.Domain;

/// <summary>An order was asked to move to a status its lifecycle does not allow from where it is (409).</summary>
public sealed class IllegalOrderTransitionException(string orderId, OrderStatus from, OrderStatus to)
    : TradingException(TradingErrorKind.Conflict, $"Order {orderId} is {from}; it cannot become {to}.")
{
    public string OrderId { get; } = orderId;
    public OrderStatus From { get; } = from;
    public OrderStatus To { get; } = to;
}
