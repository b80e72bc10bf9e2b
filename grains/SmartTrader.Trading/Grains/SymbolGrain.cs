using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Trading.Hosting;
using SmartTrader.Trading.MarketData;

namespace SmartTrader.Trading.Grains;

/// <summary>
/// The last quote and recent one-minute bars of one symbol. Each bar is stored as it closes, so a new activation (after
/// a restart, or on another silo after a failover) starts with the closed bars; the minute that was forming starts
/// again from the next quote, and the last quote comes with the feed's next step. Reentrant, so that reading the
/// quote never waits behind a publication that is busy filling resting orders (whose portfolios may themselves be
/// reading quotes); reentrant calls may run on several threads at once, hence the lock, and one write at a time.
/// Every quote it takes is posted to every live silo's quote board (<see cref="QuoteBoard"/>) before the publication
/// returns; orders read their quotes there.
/// </summary>
[Reentrant]
public sealed partial class SymbolGrain(
    [PersistentState(SymbolGrain.StateName)] IPersistentState<SymbolState> state,
    ISymbolCatalog catalog, ITradingEvents events, ISiloRoster silos, IOptions<TradingOptions> options, ILogger<SymbolGrain> logger)
    : Grain, ISymbolGrain
{
    public const string StateName = "bars";

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly BarAggregator _bars = new(options.Value.BarHistory);
    private Quote? _last;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _bars.Restore(state.State.Bars);
        return Task.CompletedTask;
    }

    private void RequireListed() => catalog.Get(Key);

    public Task<Quote?> GetQuote()
    {
        RequireListed();
        lock (_gate) return Task.FromResult(_last);
    }

    public Task<ImmutableArray<Bar>> GetBars(int count)
    {
        RequireListed();
        lock (_gate) return Task.FromResult(_bars.Recent(count));
    }

    public async Task PublishQuote(Quote quote)
    {
        RequireListed();
        if (!string.Equals(quote.Symbol, Key, StringComparison.Ordinal))
            throw new TradingException(TradingErrorKind.Invalid, $"A {quote.Symbol} quote was sent to {Key}.");
        if (quote.Bid <= 0m || quote.Ask < quote.Bid)
            throw new TradingException(TradingErrorKind.Invalid, $"The {quote.Symbol} quote {quote.Bid}/{quote.Ask} is crossed or not positive.");
        bool barClosed;
        lock (_gate)
        {
            if (_last is not null && quote.Time < _last.Time) return;
            _last = quote;
            barClosed = _bars.Add(quote);
        }
        if (barClosed) await StoreClosedBars();
        await PostToBoards(quote);
        try
        {
            await GrainFactory.GetGrain<IPaperVenueGrain>(quote.Symbol).OnQuote(quote);
        }
        catch (Exception e)
        {
            LogVenueFailed(e, quote.Symbol);
        }
        try
        {
            await events.QuoteUpdated(quote);
        }
        catch (Exception e)
        {
            LogEventFailed(e, quote.Symbol);
        }
    }

    /// <summary>
    /// Writes the bars closed so far, as they stand when this write's turn comes, so a later write never stores fewer.
    /// A failed write costs the bars since the last one that succeeded, not the quote: the activation is replaced
    /// after this call, and the next starts from what was stored.
    /// </summary>
    private async Task StoreClosedBars()
    {
        await _writing.WaitAsync();
        try
        {
            lock (_gate) state.State = new SymbolState { Bars = _bars.Closed() };
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogBarsNotStored(e, Key);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Waits for every board at most as long as a board entry stays fresh: a silo that has not taken the quote by
    /// then asks this grain once its entry ages, so waiting longer (for a silo that hangs) gains nothing.
    /// </summary>
    private async Task PostToBoards(Quote quote)
    {
        var freshness = options.Value.QuoteBoardFreshness;
        if (freshness <= TimeSpan.Zero) return;
        var allPosted = await silos.CallEachAsync<IQuoteBoardGrain>(
            GrainFactory, board => board.Post(quote), freshness, Time, (silo, e) => LogBoardFailed(e, quote.Symbol, silo.Value));
        if (!allPosted) LogBoardsSlow(quote.Symbol, freshness.TotalMilliseconds);
    }

    [LoggerMessage(LogLevel.Debug, "Posting a {Symbol} quote to the quote board of silo {Silo} failed; it asks the symbol grain once its quote is no longer fresh")]
    private partial void LogBoardFailed(Exception exception, string symbol, string silo);

    [LoggerMessage(LogLevel.Debug, "Not every quote board took the {Symbol} quote within {Milliseconds} ms; those ask the symbol grain once their quote is no longer fresh")]
    private partial void LogBoardsSlow(string symbol, double milliseconds);

    [LoggerMessage(LogLevel.Warning, "Storing the closed {Symbol} bars failed; the symbol's next activation starts from the bars stored before")]
    private partial void LogBarsNotStored(Exception exception, string symbol);

    [LoggerMessage(LogLevel.Warning, "The paper venue for {Symbol} failed to process a quote")]
    private partial void LogVenueFailed(Exception exception, string symbol);

    [LoggerMessage(LogLevel.Warning, "Announcing a {Symbol} quote failed")]
    private partial void LogEventFailed(Exception exception, string symbol);
}
