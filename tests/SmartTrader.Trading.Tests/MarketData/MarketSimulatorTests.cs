using SmartTrader.Runtime;
using SmartTrader.Trading.Domain;
using SmartTrader.Trading.MarketData;

namespace SmartTrader.Trading.Tests.MarketData;

public class MarketSimulatorTests
{
    private static readonly double[,] DefaultCorrelation = CorrelationMatrix.FromSectors(DefaultUniverse.Symbols, 0.65, 0.25);

    private static List<Quote> Run(int seed, int steps, TimeSpan every)
    {
        var clock = new ManualTimeProvider();
        var simulator = new MarketSimulator(DefaultUniverse.Symbols, DefaultCorrelation, seed, clock);
        var quotes = new List<Quote>();
        for (var i = 0; i < steps; i++)
        {
            clock.Advance(every);
            quotes.AddRange(simulator.Step());
        }
        return quotes;
    }

    [Fact]
    public void The_same_seed_gives_the_same_quotes()
    {
        Run(seed: 7, steps: 200, TimeSpan.FromMilliseconds(250)).Should().Equal(Run(seed: 7, steps: 200, TimeSpan.FromMilliseconds(250)));
    }

    [Fact]
    public void Another_seed_gives_other_quotes()
    {
        Run(seed: 7, steps: 50, TimeSpan.FromMinutes(1)).Should().NotEqual(Run(seed: 8, steps: 50, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Quotes_are_on_tick_with_the_bid_below_the_ask_and_stamped_by_the_clock()
    {
        var clock = new ManualTimeProvider();
        var simulator = new MarketSimulator(DefaultUniverse.Symbols, DefaultCorrelation, 1, clock);
        for (var i = 0; i < 500; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            foreach (var quote in simulator.Step())
            {
                quote.Time.Should().Be(clock.GetUtcNow());
                quote.Bid.Should().BeLessThan(quote.Ask);
                quote.Last.Should().BeInRange(quote.Bid, quote.Ask);
                Money.IsOnTick(quote.Bid, 0.01m).Should().BeTrue();
                Money.IsOnTick(quote.Ask, 0.01m).Should().BeTrue();
                Money.IsOnTick(quote.Last, 0.01m).Should().BeTrue();
            }
        }
    }

    [Fact]
    public void The_spread_follows_the_configured_basis_points()
    {
        SymbolSettings wide = new() { Symbol = "W", Name = "Wide", Sector = "X", StartPrice = 100m, AnnualVolatility = 0.0, SpreadBps = 50m };
        var simulator = new MarketSimulator([wide], new double[,] { { 1 } }, 1, new ManualTimeProvider());
        simulator.Step().Single().Should().Be(new Quote("W", 99.75m, 100.25m, 100.00m, new ManualTimeProvider().GetUtcNow()));
    }

    [Fact]
    public void Returns_are_correlated_roughly_as_the_matrix_says()
    {
        var quotes = Run(seed: 42, steps: 8_000, TimeSpan.FromHours(1));
        double[] Returns(string symbol)
        {
            var mids = quotes.Where(q => q.Symbol == symbol).Select(q => (double)q.Mid).ToArray();
            return mids.Zip(mids.Skip(1), (a, b) => Math.Log(b / a)).ToArray();
        }

        var aapl = Returns("AAPL");
        MathNet.Numerics.Statistics.Correlation.Pearson(aapl, Returns("MSFT")).Should().BeApproximately(0.65, 0.05);
        MathNet.Numerics.Statistics.Correlation.Pearson(Returns("XOM"), Returns("CVX")).Should().BeApproximately(0.65, 0.05);
        MathNet.Numerics.Statistics.Correlation.Pearson(aapl, Returns("XOM")).Should().BeApproximately(0.25, 0.05);
    }

    [Fact]
    public void Volatility_scales_with_the_time_between_steps()
    {
        var quotes = Run(seed: 3, steps: 4_000, TimeSpan.FromHours(1));
        var mids = quotes.Where(q => q.Symbol == "NVDA").Select(q => (double)q.Mid).ToArray();
        var returns = mids.Zip(mids.Skip(1), (a, b) => Math.Log(b / a)).ToArray();
        var annualised = MathNet.Numerics.Statistics.Statistics.StandardDeviation(returns) * Math.Sqrt(252 * 6.5);
        annualised.Should().BeApproximately(0.50, 0.05);
    }

    [Fact]
    public void A_matrix_that_is_not_positive_definite_is_refused()
    {
        var symbols = DefaultUniverse.Symbols.Take(2).ToArray();
        FluentActions.Invoking(() => new MarketSimulator(symbols, new double[,] { { 1, 2 }, { 2, 1 } }, 1, new ManualTimeProvider()))
            .Should().Throw<ArgumentException>();
    }
}
