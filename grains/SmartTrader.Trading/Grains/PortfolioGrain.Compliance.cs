using SmartTrader.Compliance;
using Fill = SmartTrader.Trading.Fill;
using SmartTrader.Compliance.Calendar;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Margin;
using SmartTrader.Trading.Domain;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Trading.Grains;

/// <summary>The compliance facts of <see cref="PlaceOrder"/>: day trades and intraday margin, computed from the account's own state.</summary>
public sealed partial class PortfolioGrain
{
    private DayTradeLedger? _dayTrades;

    private static ExchangeCalendar Calendar => NyseCalendar.Instance;

    /// <summary>Built from the kept history on first use, then kept current by <see cref="RecordForCompliance"/>.</summary>
    private DayTradeLedger DayTrades => _dayTrades ??= State.DayTrades.ToLedger(Key, Calendar);

    private void RecordForCompliance(Fill fill)
    {
        var recorded = new DayTradeFill(fill.Time, fill.Symbol, SideOf(fill.Side), fill.Quantity, fill.Price, fill.OrderId);
        DayTrades.Record(recorded.ToFill(Key), recorded.OrderId);
        State.DayTrades.Add(recorded, Calendar);
    }

    private DayTradingFacts DayTradingFacts(PreTradeGate gate, OrderView order, TradingDay day, DateTimeOffset now) =>
        gate.DayTradingFacts.Build(ComplianceAccount(day.StartEquity), DayTrades, Proposed(order, order.Quantity, now),
            [.. State.OpenOrders.Values.Select(open => new OpenOrder(Proposed(open, open.RemainingQuantity, open.CreatedAt), open.OrderId))]);

    private MarginFacts MarginFacts(PreTradeGate gate, OrderView order, decimal estimatedPrice, Valuation valuation, IReadOnlyDictionary<string, decimal?> marks, DateTimeOffset now)
    {
        var calculator = new IntradayMarginCalculator(maintenanceMargin, gate.Settings.DayTrading.Regime, Calendar);
        return calculator.Build(ComplianceAccount(valuation.Equity), new MarginAccountState(valuation.Cash, MarginPositions(marks)),
            Proposed(order, order.Quantity, now) with { Price = order.LimitPrice ?? (estimatedPrice > 0m ? estimatedPrice : null) }, estimatedPrice > 0m ? estimatedPrice : null);
    }

    public async Task<ComplianceStatusView> GetComplianceStatus()
    {
        RequireAccount();
        var now = Time.GetUtcNow();
        var (valuation, marks) = await MarkedValuation();
        var day = TradingDay.At(State.Day, now, _options.SessionCloseUtc, valuation.Equity);
        var settings = (rulesets.PreTrade?.Settings ?? ComplianceSettings.Default).DayTrading;
        var tradeDate = Calendar.TradeDateOf(now);
        var window = DayTrades.WindowEndingOn(tradeDate);
        var dayTrades = window.DayTrades(settings.Counting);
        var isMargin = Ledger.Type == AccountType.Margin;
        var requirement = new IntradayMarginCalculator(maintenanceMargin).RequirementOf(MarginPositions(marks));
        return new ComplianceStatusView(
            Key, Ledger.Type.ToString(),
            new DayTradingStatusView(
                isMargin, settings.Regime.RegimeOn(tradeDate).ToString(), settings.Counting.ToString(), window.Start, window.End,
                isMargin ? dayTrades : 0, window.Trades, isMargin && PatternDayTraderRule.IsPatternDayTrader(dayTrades, window.Trades),
                day.StartEquity, PatternDayTraderRule.MinimumEquity),
            new MarginStatusView(isMargin, valuation.Equity, isMargin ? Money.Cents(requirement) : 0m,
                isMargin ? Math.Max(0m, Money.Cents(requirement) - valuation.Equity) : 0m),
            now);
    }

    /// <summary>The positions held, each at its mark (its last trade price when it has none).</summary>
    private List<MarginPosition> MarginPositions(IReadOnlyDictionary<string, decimal?> marks)
    {
        var positions = new List<MarginPosition>(Ledger.Positions.Count);
        foreach (var p in Ledger.Positions.Values)
            if (p.Quantity != 0m) positions.Add(new MarginPosition(p.Symbol, p.Quantity, marks.GetValueOrDefault(p.Symbol) ?? p.LastPrice));
        return positions;
    }

    private ComplianceAccount ComplianceAccount(decimal equity) =>
        new(Key, State.Account!.Owner, KindOf(Ledger.Type), equity);

    private ProposedOrder Proposed(OrderView order, decimal quantity, DateTimeOffset time) =>
        new(time, Key, order.Symbol, SideOf(order.Side), quantity, order.LimitPrice);

    private static AccountKind KindOf(AccountType type) => type switch
    {
        AccountType.Cash => AccountKind.Cash,
        AccountType.Margin => AccountKind.Margin,
        _ => AccountKind.IRA,
    };

    private static TradeSide SideOf(OrderSide side) => side switch
    {
        OrderSide.Buy => TradeSide.Buy,
        OrderSide.Sell => TradeSide.Sell,
        OrderSide.SellShort => TradeSide.SellShort,
        _ => TradeSide.BuyToCover,
    };
}
