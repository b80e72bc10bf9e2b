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
        var price = order.Price ?? estimatedPrice;
        return order.Side switch
        {
            TradeSide.Buy => AcquisitionFacts(account, order, price, day, LotDirection.Long),
            TradeSide.SellShort => AcquisitionFacts(account, order, price, day, LotDirection.Short),
            TradeSide.Sell => SaleFacts(account, order, price, day, LotDirection.Long),
            TradeSide.BuyToCover => SaleFacts(account, order, price, day, LotDirection.Short),
            _ => WashSaleFacts.None,
        };
    }

    private WashSaleFacts AcquisitionFacts(AccountBook account, ProposedOrder order, decimal price, int day, LotDirection direction)
    {
        var option = order.Instrument is { Type: InstrumentKind.Option } instrument ? instrument : null;
        if (!Position.AcquiresUnderlying(isStock: option is null, isCallOption: option?.Right == OptionRight.Call, direction)
            || !_pools.TryGetValue(order.Underlying, out var pools))
            return WashSaleFacts.None;
        _planner.PlanAcquisition(pools.For(direction), _sales, order.Quantity * (option?.Multiplier ?? 1), day);
        var plan = _planner.Plan;
        if (plan.MatchCount == 0)
            return WashSaleFacts.None;
        return new WashSaleFacts
        {
            Side = order.Side, Symbol = order.Symbol, Underlying = order.Underlying, Quantity = order.Quantity, Price = price,
            WouldWashRecentLoss = true,
            DisallowedAmount = plan.TotalDisallowed(),
            MatchedQuantity = plan.TotalMatchedShares(),
            IsPermanent = account.IsIra,
            MatchedTrades = plan.MatchCount,
        };
    }

    private WashSaleFacts SaleFacts(AccountBook account, ProposedOrder order, decimal price, int day, LotDirection direction)
    {
        account.Positions.TryGetValue(order.Symbol, out var position);
        var error = _planner.PlanSale(account, position, order.Symbol, direction, order.Quantity, price, order.Lots, day, position?.LossPool(direction));
        if (error is not null)
            return new WashSaleFacts
            {
                Side = order.Side, Symbol = order.Symbol, Underlying = order.Underlying, Quantity = order.Quantity, Price = price,
                NotEvaluated = error,
            };
        var plan = _planner.Plan;
        var loss = 0m;
        for (var i = 0; i < plan.CloseCount; i++)
            loss += plan.Close(i).Loss;
        if (loss == 0)
            return WashSaleFacts.None;
        var permanent = false;
        for (var i = 0; i < plan.MatchCount; i++)
            permanent |= plan.Match(i).Replacement!.Account.IsIra;
        return new WashSaleFacts
        {
            Side = order.Side, Symbol = order.Symbol, Underlying = order.Underlying, Quantity = order.Quantity, Price = price,
            WouldBeWashedByRecentBuy = plan.MatchCount > 0,
            DisallowedAmount = plan.TotalDisallowed(),
            MatchedQuantity = plan.TotalMatchedShares(),
            IsPermanent = permanent,
            EstimatedLoss = loss,
            MatchedTrades = plan.MatchCount,
        };
    }
}
