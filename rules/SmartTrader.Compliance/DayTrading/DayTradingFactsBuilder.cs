using System.Globalization;

namespace SmartTrader.Compliance.DayTrading;

/// <summary>
/// Builds <see cref="DayTradingFacts"/> for a proposed order from the account's ledger, without changing the ledger.
/// Open orders are assumed to fill in full, in the order given, before the proposed order, as a broker's day-trade
/// protection assumes: an open order that would close a position opened today is counted as a day trade now.
/// Stateless and thread-safe; the ledger must not be written while facts are built from it.
/// </summary>
public sealed class DayTradingFactsBuilder(DayTradingSettings settings)
{
    public DayTradingSettings Settings => settings;

    public DayTradingFacts Build(
        ComplianceAccount account, DayTradeLedger ledger, ProposedOrder order, IReadOnlyList<OpenOrder>? openOrders = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(order);
        RequireSameAccount(ledger, account.Id, "account");
        RequireSameAccount(ledger, order.Account, "order");

        var calendar = ledger.Calendar;
        var day = calendar.SessionOrdinalOf(order.Time);
        if (day < ledger.LastDay)
            throw new ArgumentException(
                $"The order's trade date {calendar.TradingDayAt(day):yyyy-MM-dd} precedes fills already recorded for account {ledger.Account}.",
                nameof(order));
        var windowStart = calendar.IsoDateAt(day - PatternDayTraderRule.WindowBusinessDays + 1);
        var regime = settings.Regime.RegimeOn(calendar.TradingDayAt(day));
        var applicable = account.Type == AccountKind.Margin;
        var facts = new DayTradingFacts
        {
            Account = account.Id,
            AccountType = account.Type.ToString(),
            Applicable = applicable,
            Regime = regime.ToString(),
            LegacyRegimeApplies = applicable && regime == PdtRegime.Legacy,
            Counting = settings.Counting.ToString(),
            Symbol = order.Symbol,
            TradeDate = calendar.IsoDateAt(day),
            WindowStart = windowStart,
            WindowEnd = calendar.IsoDateAt(day),
            DayTradesInWindow = 0,
            TradesInWindow = 0,
            OpenOrders = 0,
            PendingDayTrades = 0,
            DayTradesCreatedByOrder = 0,
            WouldBeDayTrade = false,
            DayTradesAfterOrder = 0,
            TradesAfterOrder = 0,
            PatternDayTrader = false,
            PatternDayTraderAfterOrder = false,
            Equity = account.Equity,
            MinimumEquity = PatternDayTraderRule.MinimumEquity,
            BelowMinimumEquity = account.Equity < PatternDayTraderRule.MinimumEquity,
            BlockedUnderLegacyRegime = false,
        };
        return applicable ? WithCounts(facts, ledger, day, order, openOrders ?? []) : facts;
    }

    private DayTradingFacts WithCounts(
        DayTradingFacts facts, DayTradeLedger ledger, int day, ProposedOrder order, IReadOnlyList<OpenOrder> openOrders)
    {
        var window = ledger.WindowEndingAt(day);
        var (trades, dayTrades) = (window.Trades, window.DayTrades(settings.Counting));

        var whatIf = new WhatIf(ledger);
        var pendingDayTrades = 0;
        var pendingTrades = 0;
        foreach (var open in openOrders)
        {
            RequireSameAccount(ledger, open.Unfilled.Account, "open order");
            pendingDayTrades += whatIf.Apply(day, open.Unfilled, open.OrderId).By(settings.Counting);
            if (open.OrderId is null || !ledger.TradedOn(day, open.OrderId)) pendingTrades++;
        }
        var created = whatIf.Apply(day, order, orderId: null).By(settings.Counting);

        var dayTradesAfter = dayTrades + pendingDayTrades + created;
        var tradesAfter = trades + pendingTrades + 1;
        return facts with
        {
            DayTradesInWindow = dayTrades,
            TradesInWindow = trades,
            OpenOrders = openOrders.Count,
            PendingDayTrades = pendingDayTrades,
            DayTradesCreatedByOrder = created,
            WouldBeDayTrade = created > 0,
            DayTradesAfterOrder = dayTradesAfter,
            TradesAfterOrder = tradesAfter,
            PatternDayTrader = PatternDayTraderRule.IsPatternDayTrader(dayTrades, trades),
            PatternDayTraderAfterOrder = PatternDayTraderRule.IsPatternDayTrader(dayTradesAfter, tradesAfter),
            BlockedUnderLegacyRegime = facts.LegacyRegimeApplies && created > 0
                && dayTradesAfter >= PatternDayTraderRule.DayTradeThreshold && facts.BelowMinimumEquity,
        };
    }

    private static void RequireSameAccount(DayTradeLedger ledger, string account, string what)
    {
        if (!string.Equals(account, ledger.Account, StringComparison.Ordinal))
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {what} is for account {account}, the ledger for {ledger.Account}."));
    }

    /// <summary>Copies of the ledger's per-security states, taken when first touched, that orders are applied to.</summary>
    private sealed class WhatIf(DayTradeLedger ledger)
    {
        private string? _onlySymbol;
        private SymbolDayState? _onlyState;
        private Dictionary<string, SymbolDayState>? _more;

        public DayTradesCreated Apply(int day, ProposedOrder order, string? orderId)
        {
            if (order.Quantity <= 0)
                throw new ArgumentException($"Order quantity must be positive, was {order.Quantity}.", nameof(order));
            return StateOf(order.Symbol).Apply(day, order.Side.Direction(), order.Quantity, orderId);
        }

        private SymbolDayState StateOf(string symbol)
        {
            if (_onlySymbol is null)
            {
                _onlySymbol = symbol;
                return _onlyState = CopyOf(symbol);
            }
            if (string.Equals(symbol, _onlySymbol, StringComparison.Ordinal)) return _onlyState!;
            _more ??= new(StringComparer.Ordinal);
            if (!_more.TryGetValue(symbol, out var state)) _more.Add(symbol, state = CopyOf(symbol));
            return state;
        }

        private SymbolDayState CopyOf(string symbol) => ledger.ExistingState(symbol)?.Clone() ?? new SymbolDayState();
    }
}
