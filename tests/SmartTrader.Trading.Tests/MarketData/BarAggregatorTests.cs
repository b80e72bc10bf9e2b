using SmartTrader.Runtime;
using SmartTrader.Trading.MarketData;

namespace SmartTrader.Trading.Tests.MarketData;

public class BarAggregatorTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 14, 30, 0, TimeSpan.Zero));

    private Quote At(decimal last) => new("AAPL", last - 0.01m, last + 0.01m, last, _clock.GetUtcNow());

    [Fact]
    public void Quotes_of_one_minute_make_one_bar_and_a_new_minute_starts_another()
    {
        var bars = new BarAggregator(capacity: 100);
        bars.Add(At(100m));
        _clock.Advance(TimeSpan.FromSeconds(20));
        bars.Add(At(101.50m));
        _clock.Advance(TimeSpan.FromSeconds(20));
        bars.Add(At(99.25m));
        _clock.Advance(TimeSpan.FromSeconds(19));
        bars.Add(At(100.75m));
        _clock.Advance(TimeSpan.FromSeconds(2)); // 14:31:01
        bars.Add(At(102m));

        var start = new DateTimeOffset(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);
        bars.Recent(10).Should().Equal(
            new Bar("AAPL", start, 100m, 101.50m, 99.25m, 100.75m, 4),
            new Bar("AAPL", start.AddMinutes(1), 102m, 102m, 102m, 102m, 1));
    }

    [Fact]
    public void A_minute_without_quotes_has_no_bar()
    {
        var bars = new BarAggregator(capacity: 100);
        bars.Add(At(100m));
        _clock.Advance(TimeSpan.FromMinutes(3));
        bars.Add(At(101m));
        bars.Recent(10).Select(b => b.Start.Minute).Should().Equal(30, 33);
    }

    [Fact]
    public void Bars_are_keyed_by_the_utc_minute_whatever_the_quote_offset()
    {
        var bars = new BarAggregator(capacity: 100);
        bars.Add(new Quote("AAPL", 1m, 1m, 1m, new DateTimeOffset(2026, 1, 5, 9, 30, 45, TimeSpan.FromHours(-5))));
        bars.Recent(1).Single().Start.Should().Be(new DateTimeOffset(2026, 1, 5, 14, 30, 0, TimeSpan.Zero));
        bars.Recent(1).Single().Start.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Late_quotes_are_ignored_and_only_the_latest_bars_are_kept()
    {
        var bars = new BarAggregator(capacity: 3);
        var early = At(50m);
        for (var i = 0; i < 5; i++)
        {
            bars.Add(At(100m + i));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        bars.Add(early);

        bars.Recent(10).Select(b => b.Close).Should().Equal(102m, 103m, 104m);
        bars.Recent(2).Select(b => b.Close).Should().Equal(103m, 104m);
    }
}
