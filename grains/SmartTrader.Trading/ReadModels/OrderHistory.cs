using System.Collections.Immutable;
using System.Text.Json;
using SmartTrader.Runtime;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.ReadModels;

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
        var recorded = await FillsAsync(account, cancellationToken);
        if (portfolio.Outbox.Count == 0) return recorded;
        var held = portfolio.Outbox.Values.SelectMany(o => o.Fills);
        return [.. recorded.Concat(held).DistinctBy(f => f.FillId).OrderBy(f => f.Time).ThenBy(f => f.FillId, StringComparer.Ordinal)];
    }

    /// <summary>The fills of the account's order records, in time order.</summary>
    public async Task<ImmutableArray<Fill>> FillsAsync(string account, CancellationToken cancellationToken = default)
    {
        var fills = new List<Fill>();
        string? cursor = null;
        while (true)
        {
            var rows = await ReadAsync(account, cursor, cancellationToken);
            foreach (var row in rows)
            {
                cursor = row.Key.GrainKey;
                if (OrderOf(row) is { } order) fills.AddRange(order.Fills);
            }
            if (rows.Count < ScanBatch) break;
        }
        return [.. fills.OrderBy(f => f.Time).ThenBy(f => f.FillId, StringComparer.Ordinal)];
    }

    /// <summary>The account's order records, whose keys start with the account.</summary>
    private Task<IReadOnlyList<StoredState>> ReadAsync(string account, string? afterKey, CancellationToken cancellationToken) =>
        storage.QueryByKeyPrefixAsync(
            OrderRecords.TypeName, OrderRecords.StateName, OrderIds.AccountPrefix(account), afterKey, ScanBatch, cancellationToken);

    private static OrderView? OrderOf(StoredState row) => JsonSerializer.Deserialize<OrderState>(row.Payload, GrainStateJson.Options)?.Order;
}
