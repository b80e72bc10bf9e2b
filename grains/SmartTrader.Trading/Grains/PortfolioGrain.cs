using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Trading.Broker;
using SmartTrader.Trading.Domain;
using SmartTrader.Trading.Hosting;
using SmartTrader.Trading.MarketData;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.ReadModels;

namespace SmartTrader.Trading.Grains;

/// <summary>
/// The writer of record for one account. Each change is committed in one transaction: the portfolio's state and the
/// records of the orders it changed (<see cref="OrderRecords"/>); only then is it acknowledged. An activation rests its
/// open limit orders at the venue again. The equity history is a state of its own, written after the change that adds
/// a point, so the portfolio's writes stay small.
/// </summary>
[GrainType(TypeName)]
public sealed partial class PortfolioGrain(
    [PersistentState(PortfolioGrain.StateName)] IPersistentState<PortfolioState> state,
    [PersistentState(PortfolioGrain.EquityStateName)] IPersistentState<EquityState> equity,
    OrderValidator validator,
    OrderHistory history,
    PaperBroker broker,
    QuoteBoard quotes,
    ActiveRulesets rulesets,
    RiskLimitsProvider riskLimits,
    ITradingEvents events,
    IOptions<TradingOptions> options,
    ILogger<PortfolioGrain> logger)
    : Grain, IPortfolioGrain
{
    /// <summary>Name its storage rows; <see cref="ReadModels.AccountListing"/> queries the portfolio rows.</summary>
    public const string TypeName = "portfolio";
    public const string StateName = "portfolio";
    public const string EquityStateName = "equity";

    private IDisposable? _ownerRetry;
    private readonly OrderRateWindow _acceptedOrders = OrderRateWindow.OneSecond();

    private readonly TradingOptions _options = options.Value;
    private readonly CommissionSchedule _commission = options.Value.Commission;
    private readonly SmartTrader.Compliance.Margin.MaintenanceMarginOptions _maintenanceMargin = options.Value.MaintenanceMargin.ToOptions();

    private PortfolioState State => state.State;
    private List<EquityPoint> Equity => equity.State.Points;
    private AccountLedger Ledger => State.Ledger;
    private CommissionSchedule Commission => _commission;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Account is null || MovesNextToOwner()) return;
        if (State.Outbox.Count > 0) await RecordOlderOutbox();
        await SyncOwnerView();
        foreach (var order in State.OpenOrders.Values.Where(o => o.Type == OrderType.Limit))
            await RestAtVenue(order);
    }

    public async Task<AccountInfo> Open(OpenAccountRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Owner))
            throw Error(TradingErrorKind.Invalid, "An account needs a name and an owner.");
        if (request.Owner.Contains('/', StringComparison.Ordinal))
            throw Error(TradingErrorKind.Invalid, $"An owner's name cannot contain '/'; got '{request.Owner}'.");
        if (!Enum.IsDefined(request.Type)) throw Error(TradingErrorKind.Invalid, $"Unknown account type {request.Type}.");
        if (request.InitialCash < 0m || Money.Cents(request.InitialCash) != request.InitialCash)
            throw Error(TradingErrorKind.Invalid, $"Initial cash must be a non-negative amount in cents; got {request.InitialCash}.");

        if (State.Account is { } existing)
        {
            if (existing.Name != request.Name || existing.Type != request.Type || existing.Owner != request.Owner || State.InitialCash != request.InitialCash)
                throw Error(TradingErrorKind.Conflict, $"Account {Key} is already open with other terms.");
            return existing;
        }

        var now = Time.GetUtcNow();
        var account = new AccountInfo(Key, request.Name, request.Type, request.Owner, now);
        // Registered before the account is written, so the account is never open without it; a registration whose
        // opening then fails names an account that does not exist, which the owner's view skips.
        var taxOwner = await RegisterWithOwner(account);
        State.Account = account;
        State.InitialCash = request.InitialCash;
        State.Ledger = new AccountLedger { Type = request.Type, Cash = request.InitialCash };
        State.TaxOwner = taxOwner;
        await state.WriteStateAsync();
        MovesNextToOwner();

        await Announce(events.PortfolioChanged(Key));
        await SampleEquity(now, () => Task.FromResult(Ledger.Value(_ => null)));
        return account;
    }

    public Task<AccountInfo?> GetAccount() => Task.FromResult(State.Account);

    public async Task<PortfolioView> GetPortfolio()
    {
        var account = RequireAccount();
        await ExpireDayOrders();
        var now = Time.GetUtcNow();
        var marks = await Marks();
        var valuation = Ledger.Value(s => marks.GetValueOrDefault(s));
        await SampleEquity(now, () => Task.FromResult(valuation));

        var positions = Ledger.Positions.Values
            .Where(p => p.Quantity != 0m || p.RealizedPnl != 0m)
            .OrderBy(p => p.Symbol, StringComparer.Ordinal)
            .Select(p =>
            {
                var mark = marks.GetValueOrDefault(p.Symbol) ?? p.LastPrice;
                return new PositionView(p.Symbol, p.Quantity, p.AverageCost, mark, p.MarketValue(mark), p.UnrealizedPnl(mark), p.RealizedPnl);
            })
            .ToImmutableArray();
        var lots = Ledger.Positions.Values
            .SelectMany(p => p.Lots)
            .OrderBy(l => l.Symbol, StringComparer.Ordinal).ThenBy(l => l.AcquiredAt)
            .Select(l => new TaxLotView(l.LotId, l.Symbol, l.Quantity, l.CostPerShare, l.AcquiredAt))
            .ToImmutableArray();

        return new PortfolioView(
            account, Ledger.Cash, Ledger.ReservedCash, Ledger.BuyingPower(valuation), valuation.Equity, Ledger.RealizedPnl,
            valuation.UnrealizedPnl, positions, lots, [.. State.OpenOrders.Values.OrderBy(o => o.CreatedAt)], now);
    }

    public Task<ImmutableArray<EquityPoint>> GetEquityHistory()
    {
        RequireAccount();
        return Task.FromResult(Equity.ToImmutableArray());
    }

    public async Task<PlaceOrderResult> PlaceOrder(PlaceOrderRequest request)
    {
        var account = RequireAccount();
        var symbol = validator.Validate(request, account.Type);
        request = request with { Symbol = symbol.Symbol };
        await ExpireDayOrders();

        var orderId = OrderIds.For(Key, request.ClientOrderId);
        // Asked first, so that the fill views KnownOrder may load leave out the tax lots the owner's grain keeps.
        var sharesOwnerView = await SharesOwnerView();
        if (await KnownOrder(orderId) is { } known)
        {
            if (!OrderLifecycle.SameTerms(known, request))
                throw Error(TradingErrorKind.Conflict, $"clientOrderId '{request.ClientOrderId}' was already used for a different order.");
            return new PlaceOrderResult(known, Duplicate: true);
        }

        // Read once: the order is judged by, and stamped with, this one version even if another is published meanwhile.
        var gate = rulesets.PreTrade
            ?? throw Error(TradingErrorKind.Unavailable, "No pre-trade ruleset is active on this server yet, so orders cannot be checked; retry shortly.");
        await LoadFillViews();
        var now = Time.GetUtcNow();
        // The order's quote and a margin account's marks are asked for together; neither depends on the other. The
        // wash-sale facts need the price, so they are asked for once the quote is in, while the marks may still come.
        var quoting = quotes.CurrentAsync(symbol.Symbol);
        var valuing = MarkedValuation();
        var quote = await quoting;
        var order = OrderLifecycle.Create(orderId, Key, request, now) with { RulesetVersion = gate.Version, IncludedRulesets = gate.Included };
        var execution = quote is null ? null : broker.Match(order, quote, symbol.TickSize);
        var washSale = WashSaleFactsFor(sharesOwnerView, Proposed(order, order.Quantity, now), PreTradeFacts.EstimatedPrice(order, execution));
        var (valuation, marks) = await valuing;
        var day = TradingDay.At(State.Day, now, _options.SessionCloseUtc, valuation.Equity);

        (order, var rejectReason) = Screen(gate, order, execution, quote, valuation, marks, await washSale, day, now);
        if (rejectReason is not null)
        {
            order = OrderLifecycle.Reject(order, rejectReason, now);
        }
        else
        {
            order = OrderLifecycle.Accept(order, now);
            _acceptedOrders.Accepted(now);
            if (execution is not null)
                order = Fill(order, new Fill(FillIds.For(orderId, 0m), orderId, Key, symbol.Symbol, order.Side, execution.Quantity, execution.Price, now), now);
            if (!order.IsTerminal && (order.Type == OrderType.Market || order.TimeInForce == TimeInForce.Ioc))
                order = OrderLifecycle.Cancel(order, now);
            Track(order);
        }

        State.Day = day;
        await Commit(order);

        await SendFillsToOwner();
        await Publish(order);
        if (order.Type == OrderType.Limit && !order.IsTerminal) await RestAtVenue(order);
        await SampleEquity(now, Valuation);
        return new PlaceOrderResult(order, Duplicate: false);
    }

    public async Task<OrderView> CancelOrder(string orderId)
    {
        RequireAccount();
        if (!OrderIds.BelongsTo(orderId, Key)) throw Error(TradingErrorKind.NotFound, $"Account {Key} has no order {orderId}.");
        await ExpireDayOrders();

        if (!State.OpenOrders.TryGetValue(orderId, out var order))
        {
            var known = await history.StoredAsync(orderId)
                ?? throw Error(TradingErrorKind.NotFound, $"Account {Key} has no order {orderId}.");
            throw new IllegalOrderTransitionException(orderId, known.Status, OrderStatus.Cancelled);
        }

        order = OrderLifecycle.Cancel(order, Time.GetUtcNow());
        Track(order);
        await Commit(order);

        await Publish(order);
        await RemoveFromVenue(order);
        return order;
    }

    public async Task ApplyVenueFill(Fill fill)
    {
        RequireAccount();
        await ExpireDayOrders();

        if (!State.OpenOrders.TryGetValue(fill.OrderId, out var order))
        {
            if (await history.StoredAsync(fill.OrderId) is { } done && done.Fills.Any(f => f.FillId == fill.FillId)) return;
            throw Error(TradingErrorKind.Conflict, $"Order {fill.OrderId} is not open in account {Key}.");
        }
        if (order.Fills.Any(f => f.FillId == fill.FillId)) return;
        if (fill.Account != Key || fill.Symbol != order.Symbol || fill.Side != order.Side)
            throw Error(TradingErrorKind.Invalid, $"Fill {fill.FillId} does not match order {order.OrderId}.");
        if (order.LimitPrice is { } limit && (PaperBroker.IsBuy(order.Side) ? fill.Price > limit : fill.Price < limit))
            throw Error(TradingErrorKind.Invalid, $"Fill {fill.FillId} at {fill.Price} breaks order {order.OrderId}'s limit {limit}.");

        var now = Time.GetUtcNow();
        order = Fill(order, fill, now);
        Track(order);
        await Commit(order);

        await SendFillsToOwner();
        await Publish(order);
        await SampleEquity(now, Valuation);
    }

    private OrderView Fill(OrderView order, Fill fill, DateTimeOffset now)
    {
        var commission = Commission.ForFill(order.FilledQuantity, fill.Quantity);
        var filled = OrderLifecycle.ApplyFill(order, fill, now);
        Ledger.ApplyFill(fill.Symbol, fill.Side, fill.Quantity, fill.Price, commission, fill.Time);
        RecordForCompliance(fill);
        RecordForTaxLots(fill);
        _fillLog?.Add(fill);
        return filled;
    }

    /// <summary>Keeps an order in the open orders, with its reservation, while it works; drops both when it ends.</summary>
    private void Track(OrderView order)
    {
        if (order.IsTerminal)
        {
            State.OpenOrders.Remove(order.OrderId);
            Ledger.Release(order.OrderId);
            return;
        }
        State.OpenOrders[order.OrderId] = order;
        Ledger.Reserve(order.OrderId, PreTradeChecks.RequiredBuyingPower(
            order.Side, order.RemainingQuantity, order.LimitPrice ?? 0m, Commission.ForFill(order.FilledQuantity, order.RemainingQuantity)));
    }

    /// <summary>Day orders whose session has closed are cancelled (and can no longer trade) before anything else happens.</summary>
    private async Task ExpireDayOrders()
    {
        if (_options.SessionCloseUtc is not { } close) return;
        var now = Time.GetUtcNow();
        var expired = State.OpenOrders.Values
            .Where(o => o.TimeInForce == TimeInForce.Day && DaySession.ExpiresAt(o.CreatedAt, close) <= now)
            .Select(o => OrderLifecycle.Cancel(o, now) with { RejectReason = "Day order expired at the session close." })
            .ToList();
        if (expired.Count == 0) return;

        foreach (var order in expired) Track(order);
        await Commit([.. expired]);
        foreach (var order in expired)
        {
            await Publish(order);
            await RemoveFromVenue(order);
        }
    }

    /// <summary>Commits the state with the records of <paramref name="changed"/>.</summary>
    private Task Commit(params OrderView[] changed)
    {
        foreach (var order in changed) _recordedOrders?.Add(order.OrderId);
        return state.WriteStateAsync([.. changed.Select(OrderRecords.Of)]);
    }

    /// <summary>
    /// A state written before records were committed with it may hold an outbox of snapshots its order grains had not
    /// recorded: the activation commits them as records, so no later write has one.
    /// </summary>
    private Task RecordOlderOutbox()
    {
        OrderView[] held = [.. State.Outbox.Values];
        State.Outbox.Clear();
        return Commit(held);
    }

    /// <summary>Announces a committed snapshot.</summary>
    private async Task Publish(OrderView order)
    {
        await Announce(events.OrderUpdated(order));
        await Announce(events.PortfolioChanged(Key));
    }

    /// <summary>Sends the owner's grain the fills it missed, in a turn of this grain; a sooner retry is already due.</summary>
    private void ScheduleOwnerRetry()
    {
        _ownerRetry ??= RegisterTimer(_ =>
        {
            _ownerRetry?.Dispose();
            _ownerRetry = null;
            return SendFillsToOwner();
        }, _options.OwnerRetryDelay, Timeout.InfiniteTimeSpan);
    }

    private async Task RestAtVenue(OrderView order)
    {
        try
        {
            await Venue(order.Symbol).Rest(RestingOrder.From(order));
        }
        catch (Exception e)
        {
            LogVenueFailed(e, order.OrderId);
        }
    }

    private async Task RemoveFromVenue(OrderView order)
    {
        if (order.Type != OrderType.Limit) return;
        try
        {
            await Venue(order.Symbol).Remove(order.OrderId);
        }
        catch (Exception e)
        {
            LogVenueFailed(e, order.OrderId);
        }
    }

    private async Task Announce(Task announcement)
    {
        try
        {
            await announcement;
        }
        catch (Exception e)
        {
            LogEventFailed(e, Key);
        }
    }

    /// <summary>
    /// The account for pre-trade checks and equity points. Only margin buying power depends on marks, so other
    /// accounts are valued at their last trade prices without asking the symbol grains.
    /// </summary>
    private async Task<Valuation> Valuation() => (await MarkedValuation()).Valuation;

    /// <summary>The valuation, and the marks it used (a margin account's last prices; none for other accounts).</summary>
    private async Task<(Valuation Valuation, IReadOnlyDictionary<string, decimal?> Marks)> MarkedValuation()
    {
        var marks = Ledger.Type == AccountType.Margin ? await Marks() : [];
        return (Ledger.Value(s => marks.GetValueOrDefault(s)), marks);
    }

    /// <summary>Last prices of the symbols held, from the quote board; a symbol without a quote is left out.</summary>
    private async Task<Dictionary<string, decimal?>> Marks()
    {
        var marks = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        List<(string Symbol, Task<Quote?> Quote)>? asked = null;
        foreach (var position in Ledger.Positions.Values)
        {
            if (position.Quantity == 0m) continue;
            var current = quotes.CurrentAsync(position.Symbol);
            if (!current.IsCompletedSuccessfully) (asked ??= []).Add((position.Symbol, current.AsTask()));
            else if (current.Result is { } quote) marks[position.Symbol] = quote.Last;
        }
        foreach (var (symbol, quote) in asked ?? [])
            if (await quote is { } answered) marks[symbol] = answered.Last;
        return marks;
    }

    /// <summary>
    /// Keeps one equity point per sample interval: the first read or change in a new interval appends a point and
    /// saves it, so orders do not rewrite the history. It runs after the change is committed; a failed write loses
    /// history, not money, so it does not fail the call.
    /// </summary>
    private async Task SampleEquity(DateTimeOffset now, Func<Task<Valuation>> valuation)
    {
        if (Equity.Count > 0 && now - Equity[^1].Time < _options.EquitySampleInterval) return;
        var value = await valuation();
        EquityHistory.Append(Equity, new EquityPoint(now, value.Equity, value.Cash), _options.EquityHistoryCapacity);
        try
        {
            await equity.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogEquityFailed(e, Key);
        }
    }

    private AccountInfo RequireAccount() =>
        State.Account ?? throw Error(TradingErrorKind.NotFound, $"Account {Key} does not exist.");

    private IPaperVenueGrain Venue(string symbol) => GrainFactory.GetGrain<IPaperVenueGrain>(symbol);

    private static TradingException Error(TradingErrorKind kind, string message) => new(kind, message);

    [LoggerMessage(LogLevel.Warning, "The paper venue did not take the change to order {OrderId}; the order is rested again on the next activation")]
    private partial void LogVenueFailed(Exception exception, string orderId);

    [LoggerMessage(LogLevel.Warning, "Saving the equity history of account {Account} failed; the account reloads on its next call")]
    private partial void LogEquityFailed(Exception exception, string account);

    [LoggerMessage(LogLevel.Warning, "Announcing a change to account {Account} failed")]
    private partial void LogEventFailed(Exception exception, string account);
}
