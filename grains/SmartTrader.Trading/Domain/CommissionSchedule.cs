namespace SmartTrader.Trading.Domain;

/// <summary>
/// A per-share fee with a minimum per order. The minimum applies to the order as a whole, so an order filled in
/// several parts pays the same as one filled at once: each fill pays the growth of the order's total commission.
/// </summary>
public sealed record CommissionSchedule(decimal PerShare, decimal MinimumPerOrder)
{
    public static CommissionSchedule Free { get; } = new(0m, 0m);

    public decimal ForOrderQuantity(decimal filledQuantity) =>
        filledQuantity <= 0m ? 0m : Math.Max(MinimumPerOrder, Money.Cents(PerShare * filledQuantity));

    public decimal ForFill(decimal filledBefore, decimal fillQuantity) =>
        ForOrderQuantity(filledBefore + fillQuantity) - ForOrderQuantity(filledBefore);
}
