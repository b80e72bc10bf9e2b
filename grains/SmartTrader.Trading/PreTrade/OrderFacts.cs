namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// The order as the pre-trade rules see it (input <c>order</c>). Side, type and time in force are their names
/// ("Buy", "Limit", "Day"). Prices and amounts are decimal.
/// </summary>
/// <param name="LimitPrice">The limit price; 0 for a market order.</param>
/// <param name="EstimatedPrice">What one share is expected to cost: the paper broker's price against the current
/// quote for a market order, the limit price for a limit order (its worst case).</param>
/// <param name="EstimatedNotional">Quantity times the estimated price, in cents.</param>
/// <param name="RequiredBuyingPower">The buying power the order would use, commission included; 0 for sides that
/// reduce exposure.</param>
/// <param name="IncreasesExposure">True for Buy and SellShort (they open or add to a position); false for Sell and
/// BuyToCover.</param>
public sealed record OrderFacts(
    string Symbol,
    string Side,
    string Type,
    string TimeInForce,
    decimal Quantity,
    decimal LimitPrice,
    decimal EstimatedPrice,
    decimal EstimatedNotional,
    decimal RequiredBuyingPower,
    bool IncreasesExposure)
{
    public bool ReducesExposure => !IncreasesExposure;

    /// <summary>True for Buy and BuyToCover, which trade at the ask.</summary>
    public bool IsBuy => Side is nameof(OrderSide.Buy) or nameof(OrderSide.BuyToCover);

    public bool IsLimit => Type == nameof(OrderType.Limit);

    /// <summary>The quantity with the sign of its effect on the position: positive for buys, negative for sells.</summary>
    public decimal SignedQuantity => IsBuy ? Quantity : -Quantity;
}
