using System.Collections.Immutable;
using System.Text.Json;
using SmartTrader.Runtime;
using SmartTrader.Trading.Domain;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.ReadModels;

/// <summary>An account's committed fills in time order, and the ids of all its orders.</summary>
public sealed record CommittedOrders(ImmutableArray<Fill> Fills, RecordedOrderIds OrderIds);

/// <summary>One page of an account's orders, in order-id order; pass <see cref="Next"/> as ?after= for the next page.</summary>
public sealed record OrderPage(ImmutableArray<OrderView> Orders, string? Next);

/// <summary>
/// Reads an account's orders from their records (<see cref="OrderRecords"/>: storage rows keyed "account.hash"). A
/// portfolio commits the records with each change, so every acknowledged order is here.
/// </summary>
public sealed class OrderHistory(IGrainStorage storage)
{
    private const int ScanBatch = 500;

    /// <summary>The order as its portfolio last committed it.</summary>
    public async Task<OrderView?> StoredAsync(string orderId, CancellationToken cancellationToken = default) =>
        await storage.ReadAsync(OrderRecords.Key(orderId), cancellationToken) is { } row ? OrderOf(row) : null;

    public async Task<OrderView?> GetAsync(string account, string orderId) =>
        OrderIds.BelongsTo(orderId, account) ? await StoredAsync(orderId) : null;

    public async Task<OrderPage> ListAsync(string account, OrderStatus? status, int limit, string? after, CancellationToken cancellationToken)
    {
        var orders = ImmutableArray.CreateBuilder<OrderView>();
        var cursor = after;
        while (orders.Count < limit)
        {
            var rows = await ReadAsync(account, cursor, cancellationToken);
            foreach (var row in rows)
            {
                cursor = row.Key.GrainKey;
                if (OrderOf(row) is { } order && (status is null || order.Status == status)) orders.Add(order);
                if (orders.Count == limit) return new OrderPage(orders.ToImmutable(), cursor);
            }
            if (rows.Count < ScanBatch) break;
        }
        return new OrderPage(orders.ToImmutable(), null);
    }

    /// <summary>
    /// Every fill the account has committed, once each, in time order: those of its order records, and those of an
    /// outbox that <paramref name="portfolio"/> (the account's state, read first) may still hold from before records
    /// were committed with it.
    /// </summary>
    public async Task<ImmutableArray<Fill>> CommittedFillsAsync(string account, PortfolioState portfolio, CancellationToken cancellationToken = default)
    {
        var fills = new List<Fill>();
        await VisitCommittedAsync(account, portfolio, order => fills.AddRange(order.Fills), cancellationToken);
        return CommittedInTimeOrder(fills, portfolio);
    }

    /// <summary>What the account has committed, read in one pass: its fills (as <see cref="CommittedFillsAsync"/>) and the ids of all its orders, filled or not.</summary>
    public async Task<CommittedOrders> CommittedAsync(string account, PortfolioState portfolio, CancellationToken cancellationToken = default)
    {
        var fills = new List<Fill>();
        var orderIds = new RecordedOrderIds();
        await VisitCommittedAsync(account, portfolio, order =>
        {
            orderIds.Add(order.OrderId);
            fills.AddRange(order.Fills);
        }, cancellationToken);
        return new CommittedOrders(CommittedInTimeOrder(fills, portfolio), orderIds);
    }

    /// <summary>The account's order records, then the orders an outbox of <paramref name="portfolio"/> still holds.</summary>
    private async Task VisitCommittedAsync(string account, PortfolioState portfolio, Action<OrderView> visit, CancellationToken cancellationToken)
    {
        await ScanAsync(account, visit, cancellationToken);
        foreach (var held in portfolio.Outbox.Values) visit(held);
    }

    /// <summary>An outbox's orders may also have been recorded; a fill is counted once.</summary>
    private static ImmutableArray<Fill> CommittedInTimeOrder(List<Fill> fills, PortfolioState portfolio) =>
        InTimeOrder(portfolio.Outbox.Count == 0 ? fills : fills.DistinctBy(f => f.FillId));

    private static ImmutableArray<Fill> InTimeOrder(IEnumerable<Fill> fills) =>
        [.. fills.Order(FillLog.TimeOrder)];

    private async Task ScanAsync(string account, Action<OrderView> visit, CancellationToken cancellationToken)
    {
        string? cursor = null;
        while (true)
        {
            var rows = await ReadAsync(account, cursor, cancellationToken);
            foreach (var row in rows)
            {
                cursor = row.Key.GrainKey;
                if (OrderOf(row) is { } order) visit(order);
            }
            if (rows.Count < ScanBatch) return;
        }
    }

    /// <summary>The account's order records, whose keys start with the account.</summary>
    private Task<IReadOnlyList<StoredState>> ReadAsync(string account, string? afterKey, CancellationToken cancellationToken) =>
        storage.QueryByKeyPrefixAsync(
            OrderRecords.TypeName, OrderRecords.StateName, OrderIds.AccountPrefix(account), afterKey, ScanBatch, cancellationToken);

    private static OrderView? OrderOf(StoredState row) => JsonSerializer.Deserialize<OrderState>(row.Payload, GrainStateJson.Options)?.Order;
}
