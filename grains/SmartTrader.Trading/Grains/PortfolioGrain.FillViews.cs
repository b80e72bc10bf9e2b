using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Grains;

/// <summary>
/// The views an activation keeps of the account's committed orders: the day-trade ledger, the tax lots while the owner
/// has this account alone, the ids of its orders, and, once someone has asked for them, its fills. The portfolio's
/// state does not hold them (it would grow with every order and be written whole each time); the views are rebuilt
/// from the order records on first need, read once for all, then kept current order by order.
/// </summary>
public sealed partial class PortfolioGrain
{
    private RecordedOrderIds? _recordedOrders;

    /// <summary>Kept only after a first page was asked for: an account that only trades does not hold every fill it made.</summary>
    private FillLog? _fillLog;

    public async Task<FillPage?> GetFills(DateTimeOffset? since, int limit, string? after)
    {
        RequireAccount();
        await LoadFillViews(withFillLog: true);
        return _fillLog!.Page(since, limit, after);
    }

    /// <summary>Builds whichever view is missing.</summary>
    private async Task LoadFillViews(bool withFillLog = false)
    {
        var needsTaxLots = _taxLots is null && State.TaxOwner != TaxOwnerLink.Shared;
        var needsFillLog = withFillLog && _fillLog is null;
        if (_dayTrades is not null && _recordedOrders is not null && !needsTaxLots && !needsFillLog) return;
        var committed = await history.CommittedAsync(Key, State);
        _dayTrades ??= BuildDayTrades(Key, committed.Fills);
        _recordedOrders ??= committed.OrderIds;
        if (needsTaxLots) _taxLots = BuildTaxLots(committed.Fills);
        if (needsFillLog) _fillLog = new FillLog(committed.Fills);
    }

    /// <summary>
    /// The order this account already holds under <paramref name="orderId"/>: open in its state, or recorded. A
    /// clientOrderId never seen before, the usual case, is known new without reading storage.
    /// </summary>
    private async Task<OrderView?> KnownOrder(string orderId)
    {
        if (State.OpenOrders.TryGetValue(orderId, out var open)) return open;
        await LoadFillViews();
        return _recordedOrders!.MayContain(orderId) ? await history.StoredAsync(orderId) : null;
    }
}
