using SmartTrader.Trading.Broker;
using SmartTrader.Trading.MarketData;

namespace SmartTrader.Trading.Tests.Broker;

public class OrderValidatorTests
{
    private readonly OrderValidator _validator = new(new SymbolCatalog(DefaultUniverse.Symbols));

    private static PlaceOrderRequest Limit(decimal quantity = 10m, decimal? limit = 100m) =>
        new("c1", "AAPL", OrderSide.Buy, OrderType.Limit, quantity, limit);

    private TradingErrorKind KindOf(PlaceOrderRequest request, AccountType type = AccountType.Cash) =>
        FluentActions.Invoking(() => _validator.Validate(request, type)).Should().Throw<TradingException>().Which.Kind;

    [Fact]
    public void A_well_formed_order_returns_its_symbol_in_the_catalog_spelling()
    {
        _validator.Validate(Limit() with { Symbol = "aapl" }, AccountType.Cash).Symbol.Should().Be("AAPL");
        _validator.Validate(new PlaceOrderRequest("c1", "MSFT", OrderSide.SellShort, OrderType.Market, 5m), AccountType.Margin)
            .TickSize.Should().Be(0.01m);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10.5)]
    public void Quantity_must_be_positive_whole_shares(decimal quantity) => KindOf(Limit(quantity)).Should().Be(TradingErrorKind.Invalid);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.005)]
    public void A_limit_price_must_be_positive_and_on_tick(decimal limit) => KindOf(Limit(limit: limit)).Should().Be(TradingErrorKind.Invalid);

    [Fact]
    public void A_limit_order_needs_a_price_and_a_market_order_takes_none()
    {
        KindOf(Limit(limit: null)).Should().Be(TradingErrorKind.Invalid);
        KindOf(Limit() with { Type = OrderType.Market }).Should().Be(TradingErrorKind.Invalid);
    }

    [Fact]
    public void An_unknown_symbol_is_not_found() => KindOf(Limit() with { Symbol = "ZZZZ" }).Should().Be(TradingErrorKind.NotFound);

    [Theory]
    [InlineData(AccountType.Cash)]
    [InlineData(AccountType.IRA)]
    public void Cash_and_ira_accounts_cannot_sell_short(AccountType type) =>
        KindOf(Limit() with { Side = OrderSide.SellShort }, type).Should().Be(TradingErrorKind.Invalid);

    [Fact]
    public void Undefined_enum_values_and_missing_ids_are_invalid()
    {
        KindOf(Limit() with { Side = (OrderSide)42 }).Should().Be(TradingErrorKind.Invalid);
        KindOf(Limit() with { TimeInForce = (TimeInForce)42 }).Should().Be(TradingErrorKind.Invalid);
        KindOf(Limit() with { ClientOrderId = " " }).Should().Be(TradingErrorKind.Invalid);
        KindOf(Limit() with { ClientOrderId = new string('x', 65) }).Should().Be(TradingErrorKind.Invalid);
    }
}
