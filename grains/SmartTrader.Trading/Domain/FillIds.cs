namespace SmartTrader.Trading.Domain;

/// <summary>
/// A fill is named by its order and the quantity filled before it. The name is the same when a fill is offered again
/// after a crash, so the portfolio applies it once, and different for every fill that moves the order on.
/// </summary>
public static class FillIds
{
    public static string For(string orderId, decimal filledBefore) => $"{orderId}:{filledBefore:0.########}";
}
