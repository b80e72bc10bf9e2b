using SmartTrader.Runtime;
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
    public async Task Closed_bars_survive_a_restart_and_the_forming_minute_starts_again_from_the_next_quote()
    {
        var storage = new MemoryGrainStorage();
        var clock = new ManualTimeProvider();
        await using (var silo = await TradingSilo.StartAsync(storage: storage, clock: clock))
        {
            await silo.QuoteAsync("MSFT", 400.00m, 400.10m);
            clock.Advance(TimeSpan.FromMinutes(1));
            await silo.QuoteAsync("MSFT", 401.00m, 401.10m);
            clock.Advance(TimeSpan.FromMinutes(1));
            await silo.QuoteAsync("MSFT", 402.00m, 402.10m);
            clock.Advance(TimeSpan.FromSeconds(10));
            await silo.QuoteAsync("MSFT", 403.00m, 403.10m);
        }

        await using var restarted = await TradingSilo.StartAsync(storage: storage, clock: clock);
        var symbol = restarted.Grains.GetGrain<ISymbolGrain>("MSFT");

        (await symbol.GetBars(10)).Select(b => b.Close).Should().Equal([400.05m, 401.05m], "the two closed bars were stored; the forming one was not");
        (await symbol.GetQuote()).Should().BeNull("the last quote comes with the feed's next step");
        clock.Advance(TimeSpan.FromSeconds(10));
        await restarted.QuoteAsync("MSFT", 404.00m, 404.10m);
        var bars = await symbol.GetBars(10);
        bars.Select(b => b.Close).Should().Equal(400.05m, 401.05m, 404.05m);
        bars[^1].Ticks.Should().Be(1);
    }

    [Fact]
    public async Task After_a_restart_a_quote_from_a_minute_already_closed_makes_no_bar()
    {
        var storage = new MemoryGrainStorage();
        var clock = new ManualTimeProvider();
        var firstMinute = clock.GetUtcNow();
        await using (var silo = await TradingSilo.StartAsync(storage: storage, clock: clock))
        {
            await silo.QuoteAsync("MSFT", 400.00m, 400.10m);
            clock.Advance(TimeSpan.FromMinutes(1));
            await silo.QuoteAsync("MSFT", 401.00m, 401.10m);
        }

        await using var restarted = await TradingSilo.StartAsync(storage: storage, clock: clock);
        var symbol = restarted.Grains.GetGrain<ISymbolGrain>("MSFT");
        await symbol.PublishQuote(new Quote("MSFT", 399m, 399.1m, 399.05m, firstMinute));

        (await symbol.GetQuote())!.Last.Should().Be(399.05m, "the quote itself is taken: there is no newer one");
        (await symbol.GetBars(10)).Select(b => b.Close).Should().Equal(400.05m);
    }

    [Fact]
    public async Task Unknown_symbols_are_not_found()
    {
        await using var silo = await TradingSilo.StartAsync();
        (await FluentActions.Awaiting(() => silo.Grains.GetGrain<ISymbolGrain>("NOPE").GetQuote()).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.NotFound);
    }
}
