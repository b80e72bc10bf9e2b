namespace SmartTrader.Server.Tests.Support;

public static class Orders
{
    public static object Market(string clientOrderId, string symbol = "AAPL", string side = "Buy", decimal quantity = 10) =>
        new { clientOrderId, symbol, side, type = "Market", quantity };

    public static object Limit(string clientOrderId, decimal limitPrice, string symbol = "AAPL", string side = "Buy", decimal quantity = 10) =>
        new { clientOrderId, symbol, side, type = "Limit", quantity, limitPrice, timeInForce = "Gtc" };

    public static string NewClientOrderId() => "t-" + Guid.NewGuid().ToString("N")[..12];
}
