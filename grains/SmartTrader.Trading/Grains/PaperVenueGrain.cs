using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SmartTrader.Runtime;
using SmartTrader.Trading.Broker;
using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Grains;

public sealed class VenueState
{
    public Dictionary<string, RestingOrder> Orders { get; set; } = [];
}

/// <summary>
/// Resting limit orders of one symbol. Reentrant: while it offers fills to portfolios, those portfolios may call back
/// to rest or remove orders, and reentrant calls may run on several threads at once. Every use of the book goes
/// through <see cref="_book"/>, which is never held across a call to a portfolio; a fill's outcome is applied only if
/// the order did not change while it was being offered.
/// </summary>
[Reentrant]
public sealed partial class PaperVenueGrain(
    [PersistentState("venue")] IPersistentState<VenueState> state, ISymbolCatalog catalog, PaperBroker broker, ILogger<PaperVenueGrain> logger)
    : Grain, IPaperVenueGrain
{
    private readonly SemaphoreSlim _book = new(1, 1);

    private Dictionary<string, RestingOrder> Orders => state.State.Orders;

    public Task Rest(RestingOrder order)
    {
        if (!string.Equals(order.Symbol, Key, StringComparison.Ordinal))
            throw new TradingException(TradingErrorKind.Invalid, $"Order {order.OrderId} is for {order.Symbol}, not {Key}.");
        return WithBook(() =>
        {
            if (order.Remaining <= 0m) return Orders.Remove(order.OrderId);
            if (Orders.TryGetValue(order.OrderId, out var resting) && resting == order) return false;
            Orders[order.OrderId] = order;
            return true;
        });
    }

    public Task Remove(string orderId) => WithBook(() => Orders.Remove(orderId));

    public async Task<ImmutableArray<RestingOrder>> GetResting()
    {
        var resting = ImmutableArray<RestingOrder>.Empty;
        await WithBook(() =>
        {
            resting = [.. Orders.Values.OrderBy(o => o.OrderId, StringComparer.Ordinal)];
            return false;
        });
        return resting;
    }

    public async Task OnQuote(Quote quote)
    {
        var tick = catalog.Get(Key).TickSize;
        var offers = new List<(RestingOrder Order, Fill Fill)>();
        await WithBook(() =>
        {
            foreach (var order in Orders.Values)
            {
                if (broker.Match(order.Side, order.LimitPrice, order.Remaining, quote, tick) is not { } execution) continue;
                var fill = new Fill(FillIds.For(order.OrderId, order.FilledQuantity), order.OrderId, order.Account, order.Symbol,
                    order.Side, execution.Quantity, execution.Price, quote.Time);
                offers.Add((order, fill));
            }
            return false;
        });
        if (offers.Count == 0) return;

        var outcomes = await Task.WhenAll(offers.Select(o => Offer(o.Order, o.Fill)));
        await WithBook(() =>
        {
            var changed = false;
            foreach (var (offered, remaining) in outcomes)
            {
                if (remaining is null || !Orders.TryGetValue(offered.OrderId, out var now) || now != offered) continue;
                if (remaining == 0m) Orders.Remove(offered.OrderId);
                else Orders[offered.OrderId] = offered with { Remaining = remaining.Value };
                changed = true;
            }
            return changed;
        });
    }

    /// <summary>Offers a fill to the order's portfolio; returns what should then remain resting, or null to leave it as is.</summary>
    private async Task<(RestingOrder Order, decimal? Remaining)> Offer(RestingOrder order, Fill fill)
    {
        try
        {
            await GrainFactory.GetGrain<IPortfolioGrain>(order.Account).ApplyVenueFill(fill);
            return (order, order.Remaining - fill.Quantity);
        }
        catch (TradingException e)
        {
            LogFillRefused(order.OrderId, e.Message);
            return (order, 0m);
        }
        catch (Exception e)
        {
            LogFillFailed(e, order.OrderId);
            return (order, null);
        }
    }

    /// <summary>Runs <paramref name="action"/> under the book lock and saves the book when it reports a change.</summary>
    private async Task WithBook(Func<bool> action)
    {
        await _book.WaitAsync();
        try
        {
            if (action()) await state.WriteStateAsync();
        }
        finally
        {
            _book.Release();
        }
    }

    [LoggerMessage(LogLevel.Information, "Portfolio refused a fill for order {OrderId}; it no longer rests: {Reason}")]
    private partial void LogFillRefused(string orderId, string reason);

    [LoggerMessage(LogLevel.Warning, "Offering a fill for order {OrderId} failed; it is offered again on the next quote")]
    private partial void LogFillFailed(Exception exception, string orderId);
}
