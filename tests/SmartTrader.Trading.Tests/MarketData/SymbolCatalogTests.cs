using SmartTrader.Trading.MarketData;

namespace SmartTrader.Trading.Tests.MarketData;

public class SymbolCatalogTests
{
    [Fact]
    public void The_default_universe_is_ten_equities_on_cent_ticks()
    {
        var catalog = new SymbolCatalog(DefaultUniverse.Symbols);
        catalog.All.Should().HaveCount(10).And.OnlyContain(s => s.TickSize == 0.01m);
        catalog.TryGet("msft", out var msft).Should().BeTrue();
        msft!.Name.Should().Be("Microsoft Corporation");
    }

    [Fact]
    public void Unknown_symbols_are_not_found()
    {
        ISymbolCatalog catalog = new SymbolCatalog(DefaultUniverse.Symbols);
        catalog.TryGet("NOPE", out _).Should().BeFalse();
        FluentActions.Invoking(() => catalog.Get("NOPE")).Should().Throw<TradingException>().Which.Kind.Should().Be(TradingErrorKind.NotFound);
    }

    [Fact]
    public void Duplicate_symbols_are_refused()
    {
        FluentActions.Invoking(() => new SymbolCatalog([.. DefaultUniverse.Symbols, DefaultUniverse.Symbols[0]])).Should().Throw<ArgumentException>();
    }
}
