using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Trading.Hosting;
using SmartTrader.Trading.MarketData;

namespace SmartTrader.Trading.Tests.MarketData;

/// <summary>A silo's quote board, against a symbol grain that counts how often it is asked.</summary>
public class QuoteBoardTests
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private readonly ManualTimeProvider _clock = new();
    private readonly CountingSymbol _symbol = new();
    private readonly QuoteBoard _board;

    public QuoteBoardTests() =>
        _board = new QuoteBoard(new OneSymbol(_symbol), _clock, Options.Create(new TradingOptions { QuoteBoardFreshness = Freshness }));

    private Quote At(decimal last, TimeSpan? age = null) => new("AAPL", last - 0.01m, last + 0.01m, last, _clock.GetUtcNow() - (age ?? TimeSpan.Zero));

    [Fact]
    public async Task A_posted_quote_is_answered_while_fresh_without_asking_the_symbol_grain()
    {
        _board.Post(At(100m));
        _clock.Advance(Freshness - TimeSpan.FromMilliseconds(1));

        (await _board.CurrentAsync("AAPL"))!.Last.Should().Be(100m);
        _symbol.Asked.Should().Be(0);
    }

    [Fact]
    public async Task An_older_quote_than_the_board_holds_is_ignored()
    {
        _board.Post(At(100m));
        _board.Post(At(99m, age: TimeSpan.FromSeconds(5)));

        (await _board.CurrentAsync("AAPL"))!.Last.Should().Be(100m);
    }

    [Fact]
    public async Task A_quote_no_longer_fresh_or_missing_is_asked_of_the_symbol_grain_whose_answer_counts_until_it_ages()
    {
        (await _board.CurrentAsync("AAPL")).Should().BeNull("neither the board nor the grain has one");
        _board.Post(At(100m));
        _clock.Advance(Freshness);
        _symbol.Quote = At(101m);

        (await _board.CurrentAsync("AAPL"))!.Last.Should().Be(101m, "the grain's quote wins over a stale board entry");
        (await _board.CurrentAsync("AAPL"))!.Last.Should().Be(101m);
        _symbol.Asked.Should().Be(2);

        _symbol.Quote = null;
        _clock.Advance(Freshness);
        (await _board.CurrentAsync("AAPL")).Should().BeNull("a symbol grain that started empty has no quote, whatever the board last heard");
    }

    private sealed class OneSymbol(ISymbolGrain symbol) : IGrainFactory
    {
        public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey => (TGrainInterface)symbol;
    }

    private sealed class CountingSymbol : ISymbolGrain
    {
        public int Asked { get; private set; }
        public Quote? Quote { get; set; }

        public Task<Quote?> GetQuote()
        {
            Asked++;
            return Task.FromResult(Quote);
        }

        public Task PublishQuote(Quote quote) => throw new NotSupportedException();
        public Task<ImmutableArray<Bar>> GetBars(int count) => throw new NotSupportedException();
    }
}
