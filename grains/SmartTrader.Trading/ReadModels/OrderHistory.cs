using System.Collections.Immutable;
using System.Text.Json;
using SmartTrader.Runtime;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.ReadModels;

/// <summary>One page of an account's orders, in order-id order; pass <see cref="Next"/> as ?after= for the next page.</summary>
public sealed record OrderPage(ImmutableArray<OrderView> Orders, string? Next);

/// <summary>
/// Reads an account's orders from the order grains' stored state (a read model over storage rows keyed
/// "account.hash"), without activating a grain per order. Each read first has the portfolio record its outbox, so
/// every acknowledged order is visible.
/// </summary>
public sealed class OrderHistory(IGrainStorage storage, IGrainFactory grains)
{
    private const int ScanBatch = 500;

    /// <summary>The order as its grain last committed it, read from storage without activating the grain.</summary>
    public async Task<OrderView?> StoredAsync(string orderId, CancellationToken cancellationToken = default) =>
        await storage.ReadAsync(new GrainStateKey(OrderGrain.TypeName, orderId, OrderGrain.StateName), cancellationToken) is { } row
            ? OrderOf(row)
            : null;

    public async Task<OrderView?> GetAsync(string account, string orderId)
    {
        if (!OrderIds.BelongsTo(orderId, account)) return null;
        await grains.GetGrain<IPortfolioGrain>(account).SyncOrders();
        return await StoredAsync(orderId);
    }

    public async Task<OrderPage> ListAsync(string account, OrderStatus? status, int limit, string? after, CancellationToken cancellationToken)
    {
        await grains.GetGrain<IPortfolioGrain>(account).SyncOrders();
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

    public async Task<ImmutableArray<Fill>> FillsAsync(string account, CancellationToken cancellationToken)
    {
        await grains.GetGrain<IPortfolioGrain>(account).SyncOrders();
        return await RecordedFillsAsync(account, cancellationToken);
    }

    /// <summary>
    /// Every fill the account has committed, once each, in time order: those its order grains have recorded, and those
    /// of the orders <paramref name="portfolio"/> (the account's state, read first) holds in its outbox or open. An order
    /// recorded after that state was written is in both.
    /// </summary>
    public async Task<ImmutableArray<Fill>> CommittedFillsAsync(string account, PortfolioState portfolio, CancellationToken cancellationToken = default)
    {
        var recorded = await RecordedFillsAsync(account, cancellationToken);
        var held = portfolio.Outbox.Values.Concat(portfolio.OpenOrders.Values).SelectMany(o => o.Fills);
        return [.. recorded.Concat(held).DistinctBy(f => f.FillId).OrderBy(f => f.Time).ThenBy(f => f.FillId, StringComparer.Ordinal)];
    }

    /// <summary>The fills of the account's orders as their order grains hold them, without waiting for the portfolio's outbox.</summary>
    public async Task<ImmutableArray<Fill>> RecordedFillsAsync(string account, CancellationToken cancellationToken = default)
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

    /// <summary>Rows of <see cref="OrderGrain"/>, whose keys start with the account.</summary>
    private Task<IReadOnlyList<StoredState>> ReadAsync(string account, string? afterKey, CancellationToken cancellationToken) =>
        storage.QueryByKeyPrefixAsync(
            OrderGrain.TypeName, OrderGrain.StateName, OrderIds.AccountPrefix(account), afterKey, ScanBatch, cancellationToken);

    private static OrderView? OrderOf(StoredState row) => JsonSerializer.Deserialize<OrderState>(row.Payload, GrainStateJson.Options)?.Order;
}
