using SmartTrader.Compliance;
using ComplianceFill = SmartTrader.Compliance.Fill;

namespace SmartTrader.Trading.Domain;

/// <summary>Accounts, sides and fills of the trading contracts in the compliance library's terms.</summary>
public static class ComplianceTerms
{
    public static AccountKind KindOf(AccountType type) => type switch
    {
        AccountType.Cash => AccountKind.Cash,
        AccountType.Margin => AccountKind.Margin,
        _ => AccountKind.IRA,
    };

    public static TradeSide SideOf(OrderSide side) => side switch
    {
        OrderSide.Buy => TradeSide.Buy,
        OrderSide.Sell => TradeSide.Sell,
        OrderSide.SellShort => TradeSide.SellShort,
        _ => TradeSide.BuyToCover,
    };

    /// <summary>The fill as the tax-lot book takes it, at <paramref name="time"/> (its own time unless the book needs a later one).</summary>
    public static ComplianceFill FillOf(Fill fill, DateTimeOffset time) =>
        new(time, fill.Account, fill.Symbol, SideOf(fill.Side), fill.Quantity, fill.Price);

    /// <summary>
    /// The order in which an owner's fills are applied, whoever applies them: by time; at one instant openings before
    /// closings, so a closing never finds its lot missing; then by fill id, so the order is total.
    /// </summary>
    public static int CompareFills(Fill a, Fill b)
    {
        var byTime = a.Time.CompareTo(b.Time);
        if (byTime != 0) return byTime;
        var byClosing = IsClosing(a.Side).CompareTo(IsClosing(b.Side));
        return byClosing != 0 ? byClosing : string.CompareOrdinal(a.FillId, b.FillId);
    }

    private static bool IsClosing(OrderSide side) => side is OrderSide.Sell or OrderSide.BuyToCover;
}
