using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Rules.Compilation;
using SmartTrader.Runtime;
using SmartTrader.Trading.Broker;
using SmartTrader.Trading.Hosting;
using SmartTrader.Trading.MarketData;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.Tests.Hosting;

public class AddTradingTests
{
    [Fact]
    public void Options_choose_the_slippage_model_and_the_broker_limit()
    {
        using var services = new ServiceCollection()
            .AddTrading(o =>
            {
                o.Slippage = SlippageKind.SizeProportional;
                o.SlippageBps = 2m;
                o.SlippageBlockShares = 500m;
                o.MaxLimitFillPerQuote = 100m;
            })
            .BuildServiceProvider();

        services.GetRequiredService<ISlippageModel>().Should().BeOfType<SizeProportionalSlippage>()
            .Which.BlockShares.Should().Be(500m);
        services.GetRequiredService<PaperBroker>().MaxLimitFillPerQuote.Should().Be(100m);
        services.GetRequiredService<ITradingEvents>().Should().BeOfType<NoTradingEvents>();
        services.GetRequiredService<ISymbolCatalog>().All.Select(s => s.Symbol).Should().Contain(["AAPL", "XOM"]);
    }

    [Fact]
    public void The_ruleset_listing_and_a_rules_compiler_are_registered_and_a_compiler_registered_first_is_kept()
    {
        var compiler = new RulesCompiler(new RulesCompilerOptions { CacheCapacity = 3 });
        using var services = new ServiceCollection().AddSingleton(compiler).AddTrading().AddGrainRuntime().UseInMemoryStorage().Services.BuildServiceProvider();
        using var defaults = new ServiceCollection().AddTrading().BuildServiceProvider();

        services.GetRequiredService<RulesCompiler>().Should().BeSameAs(compiler);
        defaults.GetRequiredService<RulesCompiler>().Should().NotBeNull();
        services.GetRequiredService<RulesetListing>().Should().NotBeNull();
    }

    [Fact]
    public void Registered_clock_events_and_symbols_are_kept()
    {
        var clock = new ManualTimeProvider();
        var events = new RecordingEvents();
        using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<ITradingEvents>(events)
            .AddTrading(o => o.Symbols = [new SymbolSettings { Symbol = "ONE", Name = "One", Sector = "S", StartPrice = 10m, AnnualVolatility = 0.2 }])
            .BuildServiceProvider();

        services.GetRequiredService<TimeProvider>().Should().BeSameAs(clock);
        services.GetRequiredService<ITradingEvents>().Should().BeSameAs(events);
        services.GetRequiredService<MarketSimulator>().Step().Should().ContainSingle().Which.Time.Should().Be(clock.GetUtcNow());
    }

    [Fact]
    public void The_same_seed_gives_the_same_simulated_market()
    {
        IReadOnlyList<Quote> FirstQuotes()
        {
            var clock = new ManualTimeProvider();
            using var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddTrading(o => o.Seed = 11).BuildServiceProvider();
            var simulator = services.GetRequiredService<MarketSimulator>();
            clock.Advance(TimeSpan.FromMinutes(5));
            return simulator.Step();
        }
        FirstQuotes().Should().Equal(FirstQuotes());
    }

    private sealed class RecordingEvents : ITradingEvents
    {
        public Task QuoteUpdated(Quote quote) => Task.CompletedTask;
        public Task OrderUpdated(OrderView order) => Task.CompletedTask;
        public Task PortfolioChanged(string account) => Task.CompletedTask;
    }
}
