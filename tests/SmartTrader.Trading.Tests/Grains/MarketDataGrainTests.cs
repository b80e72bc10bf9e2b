using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Trading.Hosting;

namespace SmartTrader.Trading.Tests.Grains;

public class MarketDataGrainTests
{
    [Fact]
    public async Task The_feed_publishes_a_quote_per_symbol_to_the_symbol_grains_and_the_event_sink()
    {
        await using var silo = await TradingSilo.StartAsync();
        var feed = silo.Services.GetRequiredService<MarketFeed>();

        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        var quotes = await feed.PublishNextAsync();

        quotes.Should().HaveCount(10);
        foreach (var quote in quotes)
            (await silo.Grains.GetGrain<ISymbolGrain>(quote.Symbol).GetQuote()).Should().Be(quote);
        silo.Events.Quotes.Should().BeEquivalentTo(quotes);
    }

    [Fact]
    public async Task Symbol_grains_build_one_minute_bars_and_ignore_stale_quotes()
    {
        await using var silo = await TradingSilo.StartAsync();
        var symbol = silo.Grains.GetGrain<ISymbolGrain>("MSFT");
        var stale = new Quote("MSFT", 1m, 2m, 1.5m, silo.Clock.GetUtcNow());

        silo.Clock.Advance(TimeSpan.FromSeconds(10));
        await silo.QuoteAsync("MSFT", 400.00m, 400.10m);
        silo.Clock.Advance(TimeSpan.FromMinutes(1));
        await silo.QuoteAsync("MSFT", 401.00m, 401.10m);
        await symbol.PublishQuote(stale);

        (await symbol.GetQuote())!.Bid.Should().Be(401.00m);
        (await symbol.GetBars(10)).Select(b => b.Close).Should().Equal(400.05m, 401.05m);
    }

    [Fact]
    public async Task Unknown_symbols_are_not_found()
    {
        await using var silo = await TradingSilo.StartAsync();
        (await FluentActions.Awaiting(() => silo.Grains.GetGrain<ISymbolGrain>("NOPE").GetQuote()).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.NotFound);
    }
}
