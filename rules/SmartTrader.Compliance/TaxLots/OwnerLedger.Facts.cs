using System.Globalization;
using SmartTrader.Compliance.TaxLots.Ledger;

namespace SmartTrader.Compliance.TaxLots;

public sealed partial class OwnerLedger
{
    /// <summary>
    /// What the wash-sale rule would say if <paramref name="order"/> filled now at its price (or at
    /// <paramref name="estimatedPrice"/> when it has none). Changes nothing in the ledger.
    /// </summary>
    public WashSaleFacts WashSaleFactsFor(ProposedOrder order, decimal estimatedPrice)
    {
        ArgumentNullException.ThrowIfNull(order);
        var account = AccountOf(order.Account);
        var day = _dates.DayOf(order.Time);
        return order.Side switch
        {
            TradeSide.Buy => AcquisitionFacts(account, order, day, LotDirection.Long),
            TradeSide.SellShort => AcquisitionFacts(account, order, day, LotDirection.Short),
            TradeSide.Sell => SaleFacts(account, order, order.Price ?? estimatedPrice, day, LotDirection.Long),
            TradeSide.BuyToCover => SaleFacts(account, order, order.Price ?? estimatedPrice, day, LotDirection.Short),
            _ => WashSaleFacts.None,
        };
    }

    private WashSaleFacts AcquisitionFacts(AccountBook account, ProposedOrder order, int day, LotDirection direction)
    {
        var option = order.Instrument is { Type: InstrumentKind.Option } instrument ? instrument : null;
        var replaces = option is null || (option.Right == OptionRight.Call && direction == LotDirection.Long);
        if (!replaces || !_pools.TryGetValue(order.Underlying, out var pools))
            return WashSaleFacts.None;
        _planner.PlanAcquisition(pools.For(direction), _sales, order.Quantity * (option?.Multiplier ?? 1), day);
        var plan = _planner.Plan;
        if (plan.MatchCount == 0)
            return WashSaleFacts.None;
        var disallowed = plan.TotalDisallowed();
        var matched = plan.TotalMatchedShares();
        var permanently = account.IsIra ? " for good (the purchase is in an IRA)" : "";
        return new WashSaleFacts
        {
            WouldWashRecentLoss = true,
            DisallowedAmount = disallowed,
            MatchedQuantity = matched,
            IsPermanent = account.IsIra,
            MatchedTrades = plan.MatchCount,
            Description = Text($"{order.Side} {order.Quantity} {order.Symbol} replaces {matched} {order.Underlying} shares of {plan.MatchCount} loss sale(s) in the last 30 days: {disallowed:0.##} of loss disallowed{permanently}"),
        };
    }

    private WashSaleFacts SaleFacts(AccountBook account, ProposedOrder order, decimal price, int day, LotDirection direction)
    {
        account.Positions.TryGetValue(order.Symbol, out var position);
        var error = _planner.PlanSale(account, position, order.Symbol, direction, order.Quantity, price, order.Lots, day, position?.LossPool(direction));
        if (error is not null)
            return new WashSaleFacts { Description = "not evaluated: " + error };
        var plan = _planner.Plan;
        var loss = 0m;
        for (var i = 0; i < plan.CloseCount; i++)
            loss += plan.Close(i).Loss;
        if (loss == 0)
            return WashSaleFacts.None;
        if (plan.MatchCount == 0)
            return new WashSaleFacts
            {
                EstimatedLoss = loss,
                Description = Text($"{order.Side} {order.Quantity} {order.Symbol} at {price} realizes a loss of {loss:0.##}; nothing acquired in the last 30 days replaces it"),
            };
        var permanent = false;
        for (var i = 0; i < plan.MatchCount; i++)
            permanent |= plan.Match(i).Replacement!.Account.IsIra;
        var disallowed = plan.TotalDisallowed();
        var matched = plan.TotalMatchedShares();
        return new WashSaleFacts
        {
            WouldBeWashedByRecentBuy = true,
            DisallowedAmount = disallowed,
            MatchedQuantity = matched,
            IsPermanent = permanent,
            EstimatedLoss = loss,
            MatchedTrades = plan.MatchCount,
            Description = Text($"{order.Side} {order.Quantity} {order.Symbol} at {price} realizes a loss of {loss:0.##}; {matched} shares acquired in the last 30 days replace it: {disallowed:0.##} disallowed{(permanent ? ", part of it for good (IRA replacement)" : "")}"),
        };
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
