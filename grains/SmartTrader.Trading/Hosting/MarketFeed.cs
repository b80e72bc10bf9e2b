using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Trading.MarketData;

namespace SmartTrader.Trading.Hosting;

/// <summary>
/// Every <see cref="TradingOptions.FeedInterval"/>, steps the simulated market and, when <see cref="IMarketFeedLeadership"/>
/// says this silo leads, publishes its quotes to the symbol grains. A silo that does not lead still steps, so with a
/// shared <see cref="TradingOptions.Seed"/> a silo taking over continues close to where the previous leader was.
/// </summary>
public sealed partial class MarketFeed(
    MarketSimulator simulator, IGrainFactory grains, TimeProvider time, IOptions<TradingOptions> options,
    IMarketFeedLeadership leadership, ILogger<MarketFeed> logger)
    : BackgroundService
{
    /// <summary>One step: the quotes published.</summary>
    public async Task<IReadOnlyList<Quote>> PublishNextAsync()
    {
        var quotes = simulator.Step();
        await Task.WhenAll(quotes.Select(q => grains.GetGrain<ISymbolGrain>(q.Symbol).PublishQuote(q)));
        return quotes;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.FeedEnabled) return;
        using var timer = new PeriodicTimer(options.Value.FeedInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // A grain call cut off from its silo waits for its timeout; stopping does not wait with it.
                    if (leadership.PublishesHere) await PublishNextAsync().WaitAsync(stoppingToken);
                    else simulator.Step();
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPublishFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Warning, "Publishing simulated quotes failed; the feed carries on with the next step")]
    private partial void LogPublishFailed(Exception exception);
}
