using SmartTrader.Trading.Broker;
using SmartTrader.Trading.Domain;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Trading.Grains;

/// <summary>The pre-trade gate of <see cref="PlaceOrder"/>.</summary>
public sealed partial class PortfolioGrain
{
    /// <summary>
    /// Decides a new order against the account as it stands: first what the ledger cannot do (a market order without
    /// a quote, a conflicting or missing position), then the active pre-trade rules, evaluated once, then the ledger's
    /// solvency floor. Returns the order carrying the rules' failures and warnings, and why it is rejected (null when
    /// it may be accepted).
    /// </summary>
    private (OrderView Order, string? RejectReason) Screen(
        PreTradeGate gate, OrderView order, Execution? execution, Quote? quote, Valuation valuation,
        IReadOnlyDictionary<string, decimal?> marks, SmartTrader.Compliance.TaxLots.WashSaleFacts washSale, TradingDay day, DateTimeOffset now)
    {
        if (order.Type == OrderType.Market && quote is null)
            return (order, $"There is no quote for {order.Symbol} yet; a market order needs one.");
        if (PreTradeChecks.PositionConflict(Ledger, order, OpenClosingQuantity(order)) is { } conflict)
            return (order, conflict);

        var required = RequiredBuyingPower(order, execution);
        var account = PreTradeFacts.Account(Ledger, valuation, day, _acceptedOrders.CountAt(now));
        var orderFacts = PreTradeFacts.Order(order, execution, required);
        // One account (equity at the session's start) and one proposed order for the day-trading and margin facts.
        var complianceAccount = ComplianceAccount(day.StartEquity);
        var proposed = Proposed(order, order.Quantity, now);
        var judgement = PreTradeJudgement.Of(gate.Evaluate(
            orderFacts,
            account,
            PreTradeFacts.Position(Ledger, order.Symbol, quote, State.OpenOrders.Values),
            QuoteFacts.Of(quote),
            riskLimits.For(Key),
            DayTradingFacts(gate, complianceAccount, proposed),
            MarginFacts(gate, complianceAccount, proposed, orderFacts.EstimatedPrice, valuation, marks),
            washSale));
        order = order with { Failures = judgement.Failures, Warnings = judgement.Warnings };
        return judgement.IsRejected
            ? (order, judgement.RejectReason)
            : (order, PreTradeChecks.InsufficientBuyingPower(account.BuyingPower, required));
    }

    /// <summary>What the order uses: the part that trades now at its price, and the rest at its limit.</summary>
    private decimal RequiredBuyingPower(OrderView order, Execution? execution)
    {
        var now = execution?.Quantity ?? 0m;
        var rest = order.Type == OrderType.Limit && order.TimeInForce != TimeInForce.Ioc ? order.Quantity - now : 0m;
        return PreTradeChecks.RequiredBuyingPower(order.Side, now, execution?.Price ?? 0m, Commission.ForFill(0m, now))
            + PreTradeChecks.RequiredBuyingPower(order.Side, rest, order.LimitPrice ?? 0m, Commission.ForFill(now, rest));
    }

    private decimal OpenClosingQuantity(OrderView order) =>
        order.Side is OrderSide.Sell or OrderSide.BuyToCover
            ? State.OpenOrders.Values.Where(o => o.Symbol == order.Symbol && o.Side == order.Side).Sum(o => o.RemainingQuantity)
            : 0m;
}
