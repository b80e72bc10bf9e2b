using SmartTrader.Trading.Broker;
using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// Builds the rules' inputs from what the portfolio already holds in memory: its ledger, its valuation, its open
/// orders and the quote it fetched for the order. Nothing here calls a grain.
/// </summary>
public static class PreTradeFacts
{
    /// <param name="execution">What the order would trade now against the quote, if anything.</param>
    public static OrderFacts Order(OrderView order, Execution? execution, decimal requiredBuyingPower)
    {
        var estimatedPrice = EstimatedPrice(order, execution);
        return new OrderFacts(
            order.Symbol, order.Side.ToString(), order.Type.ToString(), order.TimeInForce.ToString(),
            order.Quantity, order.LimitPrice ?? 0m, estimatedPrice, Money.Cents(order.Quantity * estimatedPrice),
            requiredBuyingPower, PreTradeChecks.UsesBuyingPower(order.Side));
    }

    /// <summary>The limit for a limit order (its worst case), else the price the order would trade at now; 0 when there is none.</summary>
    public static decimal EstimatedPrice(OrderView order, Execution? execution) => order.LimitPrice ?? execution?.Price ?? 0m;

    public static AccountFacts Account(AccountLedger ledger, Valuation valuation, TradingDay day, int ordersLastSecond) => new(
        ledger.Type.ToString(), ledger.Cash, valuation.Equity, ledger.BuyingPower(valuation), valuation.GrossExposure,
        day.StartEquity, valuation.Equity - day.StartEquity, ordersLastSecond);

    /// <param name="openOrders">The account's working orders; those that add exposure in the symbol count as pending.</param>
    public static PositionFacts Position(AccountLedger ledger, string symbol, Quote? quote, IEnumerable<OrderView> openOrders)
    {
        decimal pending = 0m;
        foreach (var open in openOrders)
        {
            if (open.Symbol != symbol) continue;
            if (open.Side == OrderSide.Buy) pending += open.RemainingQuantity;
            else if (open.Side == OrderSide.SellShort) pending -= open.RemainingQuantity;
        }
        if (!ledger.Positions.TryGetValue(symbol, out var position)) return new PositionFacts(symbol, 0m, 0m, 0m, pending);
        return new PositionFacts(
            symbol, position.Quantity, position.AverageCost, position.MarketValue(quote?.Last ?? position.LastPrice), pending);
    }
}
