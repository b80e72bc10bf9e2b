namespace SmartTrader.Trading.Domain;

/// <summary>
/// Checks an order against the account as it stands. A failing check rejects the order (it is recorded, and the
/// server answers 422) rather than refusing the request.
/// </summary>
public static class PreTradeChecks
{
    /// <summary>True for the sides that add exposure and so use buying power.</summary>
    public static bool UsesBuyingPower(OrderSide side) => side is OrderSide.Buy or OrderSide.SellShort;

    /// <summary>The buying power <paramref name="quantity"/> shares at <paramref name="price"/> would use, commission included.</summary>
    public static decimal RequiredBuyingPower(OrderSide side, decimal quantity, decimal price, decimal commission) =>
        UsesBuyingPower(side) ? Money.Cents(quantity * price) + commission : 0m;

    /// <summary>
    /// Why the order must be rejected, or null. <paramref name="openClosingQuantity"/> is what the account's other open
    /// orders on the same side (Sell or BuyToCover) of this symbol still have to trade.
    /// </summary>
    public static string? RejectReason(
        AccountLedger ledger, Valuation valuation, OrderView order, decimal openClosingQuantity, decimal requiredBuyingPower)
    {
        var held = ledger.PositionQuantity(order.Symbol);
        switch (order.Side)
        {
            case OrderSide.Buy when held < 0m:
                return $"The account is short {-held} {order.Symbol}; cover it with BuyToCover before buying.";
            case OrderSide.SellShort when held > 0m:
                return $"The account is long {held} {order.Symbol}; sell it before selling short.";
            case OrderSide.Sell when order.Quantity + openClosingQuantity > Math.Max(held, 0m):
                return $"Cannot sell {order.Quantity} {order.Symbol}: {Math.Max(held, 0m)} held long, {openClosingQuantity} already on open sell orders.";
            case OrderSide.BuyToCover when order.Quantity + openClosingQuantity > Math.Max(-held, 0m):
                return $"Cannot cover {order.Quantity} {order.Symbol}: {Math.Max(-held, 0m)} held short, {openClosingQuantity} already on open cover orders.";
        }

        var buyingPower = ledger.BuyingPower(valuation);
        return requiredBuyingPower > buyingPower
            ? $"Insufficient buying power: the order needs {requiredBuyingPower:0.00}, the account has {Math.Max(buyingPower, 0m):0.00}."
            : null;
    }
}
