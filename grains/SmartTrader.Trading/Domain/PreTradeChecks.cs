namespace SmartTrader.Trading.Domain;

/// <summary>
/// The checks that guard the ledger itself, whatever the pre-trade rules say. A failing check rejects the order (it
/// is recorded, and the server answers 422) rather than refusing the request.
/// </summary>
public static class PreTradeChecks
{
    /// <summary>True for the sides that add exposure and so use buying power.</summary>
    public static bool UsesBuyingPower(OrderSide side) => side is OrderSide.Buy or OrderSide.SellShort;

    /// <summary>The buying power <paramref name="quantity"/> shares at <paramref name="price"/> would use, commission included.</summary>
    public static decimal RequiredBuyingPower(OrderSide side, decimal quantity, decimal price, decimal commission) =>
        UsesBuyingPower(side) ? Money.Cents(quantity * price) + commission : 0m;

    /// <summary>
    /// Why the order cannot trade against the account's position, or null: the ledger cannot hold a long and a short
    /// in one symbol, nor sell what it does not hold. <paramref name="openClosingQuantity"/> is what the account's other
    /// open orders on the same side (Sell or BuyToCover) of this symbol still have to trade.
    /// </summary>
    public static string? PositionConflict(AccountLedger ledger, OrderView order, decimal openClosingQuantity)
    {
        var held = ledger.PositionQuantity(order.Symbol);
        return order.Side switch
        {
            OrderSide.Buy when held < 0m =>
                $"The account is short {-held} {order.Symbol}; cover it with BuyToCover before buying.",
            OrderSide.SellShort when held > 0m =>
                $"The account is long {held} {order.Symbol}; sell it before selling short.",
            OrderSide.Sell when order.Quantity + openClosingQuantity > Math.Max(held, 0m) =>
                $"Cannot sell {order.Quantity} {order.Symbol}: {Math.Max(held, 0m)} held long, {openClosingQuantity} already on open sell orders.",
            OrderSide.BuyToCover when order.Quantity + openClosingQuantity > Math.Max(-held, 0m) =>
                $"Cannot cover {order.Quantity} {order.Symbol}: {Math.Max(-held, 0m)} held short, {openClosingQuantity} already on open cover orders.",
            _ => null,
        };
    }

    /// <summary>
    /// The ledger's solvency floor, checked after the pre-trade rules: an order that adds exposure may not use more
    /// buying power than the account has, even under a ruleset that no longer checks it. Orders that reduce exposure
    /// always pass, so a margin account under water can still sell.
    /// </summary>
    public static string? InsufficientBuyingPower(AccountLedger ledger, Valuation valuation, decimal requiredBuyingPower) =>
        InsufficientBuyingPower(ledger.BuyingPower(valuation), requiredBuyingPower);

    /// <summary>The same floor, for a caller that has already worked out the account's buying power.</summary>
    public static string? InsufficientBuyingPower(decimal buyingPower, decimal requiredBuyingPower)
    {
        return requiredBuyingPower > 0m && requiredBuyingPower > buyingPower
            ? $"Insufficient buying power: the order needs {requiredBuyingPower:0.00}, the account has {Math.Max(buyingPower, 0m):0.00}."
            : null;
    }
}
