using SmartTrader.Compliance;
using Fill = SmartTrader.Trading.Fill;
using SmartTrader.Compliance.Calendar;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Margin;
using SmartTrader.Trading.Domain;
using static SmartTrader.Trading.Domain.ComplianceTerms;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Trading.Grains;

/// <summary>The compliance facts of <see cref="PlaceOrder"/>: day trades and intraday margin, computed from the account's own state.</summary>
public sealed partial class PortfolioGrain
{
    private DayTradeLedger? _dayTrades;
    private (DayTradingRegimeSetting Regime, IntradayMarginCalculator Calculator)? _marginCalculator;

    private static ExchangeCalendar Calendar => NyseCalendar.Instance;

    /// <summary>Rebuilt from the committed fills by <see cref="LoadFillViews"/>, then kept current by <see cref="RecordForCompliance"/>.</summary>
    private DayTradeLedger DayTrades => _dayTrades ?? throw new InvalidOperationException($"The day-trade ledger of account {Key} is read before it is loaded.");

    /// <summary>A ledger not loaded yet will read the fill with the others when it is.</summary>
    private void RecordForCompliance(Fill fill) => _dayTrades?.Record(FillOf(fill, fill.Time), fill.OrderId);

    private static DayTradeLedger BuildDayTrades(string account, IEnumerable<Fill> fillsInTimeOrder)
    {
        var ledger = new DayTradeLedger(account, Calendar);
        foreach (var fill in fillsInTimeOrder) ledger.Record(FillOf(fill, fill.Time), fill.OrderId);
        return ledger;
    }

    /// <summary>Open orders count toward day trades of margin accounts only, so only theirs are listed.</summary>
    private DayTradingFacts DayTradingFacts(PreTradeGate gate, ComplianceAccount account, ProposedOrder proposed) =>
        gate.DayTradingFacts.Build(account, DayTrades, proposed, Ledger.Type == AccountType.Margin
            ? [.. State.OpenOrders.Values.Select(open => new OpenOrder(Proposed(open, open.RemainingQuantity, open.CreatedAt), open.OrderId))]
            : []);

    /// <param name="estimatedPrice">What the order is judged at when it has no limit; 0 when there is no estimate.</param>
    private MarginFacts MarginFacts(
        PreTradeGate gate, ComplianceAccount account, ProposedOrder proposed, decimal estimatedPrice, Valuation valuation, IReadOnlyDictionary<string, decimal?> marks) =>
        MarginCalculator(gate.Settings.DayTrading.Regime).Build(
            account, new MarginAccountState(valuation.Cash, MarginPositions(marks)), proposed, estimatedPrice > 0m ? estimatedPrice : null);

    /// <summary>The calculator for the gate's regime, kept until a gate with another regime judges an order.</summary>
    private IntradayMarginCalculator MarginCalculator(DayTradingRegimeSetting regime)
    {
        if (_marginCalculator is not { } kept || kept.Regime != regime)
            _marginCalculator = kept = (regime, new IntradayMarginCalculator(_maintenanceMargin, regime, Calendar));
        return kept.Calculator;
    }

    public async Task<ComplianceStatusView> GetComplianceStatus()
    {
        RequireAccount();
        await LoadFillViews();
        var now = Time.GetUtcNow();
        var (valuation, marks) = await MarkedValuation();
        var day = TradingDay.At(State.Day, now, _options.SessionCloseUtc, valuation.Equity);
        var settings = (rulesets.PreTrade?.Settings ?? ComplianceSettings.Default).DayTrading;
        var tradeDate = Calendar.TradeDateOf(now);
        var window = DayTrades.WindowEndingOn(tradeDate);
        var dayTrades = window.DayTrades(settings.Counting);
        var isMargin = Ledger.Type == AccountType.Margin;
        var requirement = MarginCalculator(settings.Regime).RequirementOf(MarginPositions(marks));
        return new ComplianceStatusView(
            Key, Ledger.Type.ToString(),
            new DayTradingStatusView(
                isMargin, settings.Regime.RegimeOn(tradeDate).ToString(), settings.Counting.ToString(), window.Start, window.End,
                isMargin ? dayTrades : 0, window.Trades, isMargin && PatternDayTraderRule.IsPatternDayTrader(dayTrades, window.Trades),
                day.StartEquity, PatternDayTraderRule.MinimumEquity),
            new MarginStatusView(isMargin, valuation.Equity, isMargin ? Money.Cents(requirement) : 0m,
                isMargin ? Math.Max(0m, Money.Cents(requirement) - valuation.Equity) : 0m),
            await WashSaleStatus(now),
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

}
