using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Trading.Hosting;

namespace SmartTrader.Trading.MarketData;

/// <summary>
/// This silo's copy of each symbol's current quote, so an order does not ask a symbol grain held by another silo.
/// The symbol grain stays the source: it posts every quote it takes to the board of every live silo before its
/// publication returns (<see cref="IQuoteBoardGrain"/>), so a silo that received the post answers what the grain holds.
/// A quote is answered from the board for <see cref="TradingOptions.QuoteBoardFreshness"/> after it arrived; after
/// that, or when the board has none, the symbol grain is asked (and its answer posted here). That bounds how long a
/// silo that missed a post (its connection dropped, or the grain's activation moved and started empty) answers an
/// older quote than the grain's.
/// </summary>
public sealed class QuoteBoard(IGrainFactory grains, TimeProvider time, IOptions<TradingOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _quotes = new(StringComparer.Ordinal);
    private readonly TimeSpan _freshness = options.Value.QuoteBoardFreshness;

    /// <summary>The symbol's current quote: this board's when fresh, otherwise the symbol grain's. Null when it has none.</summary>
    public ValueTask<Quote?> CurrentAsync(string symbol) =>
        _quotes.TryGetValue(symbol, out var entry) && time.GetElapsedTime(entry.ReceivedAt) < _freshness
            ? ValueTask.FromResult<Quote?>(entry.Quote)
            : new ValueTask<Quote?>(AskSymbolAsync(symbol));

    /// <summary>Takes a quote from the symbol grain; an older one than the board holds is ignored.</summary>
    public void Post(Quote quote)
    {
        var now = time.GetTimestamp();
        _quotes.AddOrUpdate(quote.Symbol, static (_, arg) => new Entry(arg.quote, arg.now),
            static (_, held, arg) => arg.quote.Time < held.Quote.Time ? held : new Entry(arg.quote, arg.now), (quote, now));
    }

    private async Task<Quote?> AskSymbolAsync(string symbol)
    {
        var quote = await grains.GetGrain<ISymbolGrain>(symbol).GetQuote();
        if (quote is not null) Post(quote);
        return quote;
    }

    private sealed record Entry(Quote Quote, long ReceivedAt);
}
