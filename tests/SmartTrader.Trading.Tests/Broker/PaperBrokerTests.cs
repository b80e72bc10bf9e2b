using SmartTrader.Trading.Broker;
using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Broker;

public class PaperBrokerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);
    private static readonly Quote Quote = new("AAPL", Bid: 99.98m, Ask: 100.02m, Last: 100.00m, T0);

    private static OrderView Accepted(OrderSide side, OrderType type, decimal quantity, decimal? limit = null) =>
        OrderLifecycle.Accept(OrderLifecycle.Create("a.1", "a", new PlaceOrderRequest("c", "AAPL", side, type, quantity, limit), T0), T0);

    [Theory]
    [InlineData(OrderSide.Buy, 100.02)]
    [InlineData(OrderSide.BuyToCover, 100.02)]
    [InlineData(OrderSide.Sell, 99.98)]
    [InlineData(OrderSide.SellShort, 99.98)]
    public void Market_orders_buy_at_the_ask_and_sell_at_the_bid(OrderSide side, decimal expected)
    {
        new PaperBroker(new NoSlippage()).Match(Accepted(side, OrderType.Market, 10m), Quote, 0.01m)
            .Should().Be(new Execution(10m, expected));
    }

    [Fact]
    public void Slippage_moves_the_price_against_the_trader_rounded_to_the_tick()
    {
        var broker = new PaperBroker(new FixedBpsSlippage(3m)); // 100.02 * 3bps = 0.030006
        broker.Match(Accepted(OrderSide.Buy, OrderType.Market, 10m), Quote, 0.01m)!.Price.Should().Be(100.06m);
        broker.Match(Accepted(OrderSide.Sell, OrderType.Market, 10m), Quote, 0.01m)!.Price.Should().Be(99.95m);
    }

    [Fact]
    public void Size_proportional_slippage_costs_large_orders_more()
    {
        var broker = new PaperBroker(new SizeProportionalSlippage(1m, 1_000m));
        broker.Match(Accepted(OrderSide.Buy, OrderType.Market, 1_000m), Quote, 0.01m)!.Price.Should().Be(100.04m);
        broker.Match(Accepted(OrderSide.Buy, OrderType.Market, 10_000m), Quote, 0.01m)!.Price.Should().Be(100.13m);
    }

    [Theory]
    [InlineData(OrderSide.Buy, 100.01, false)]
    [InlineData(OrderSide.Buy, 100.02, true)]
    [InlineData(OrderSide.Sell, 99.99, false)]
    [InlineData(OrderSide.Sell, 99.98, true)]
    public void Limit_orders_trade_only_when_marketable(OrderSide side, decimal limit, bool marketable)
    {
        var order = Accepted(side, OrderType.Limit, 10m, limit);
        PaperBroker.IsMarketable(order, Quote).Should().Be(marketable);
        (new PaperBroker(new NoSlippage()).Match(order, Quote, 0.01m) is not null).Should().Be(marketable);
    }

    [Fact]
    public void A_marketable_limit_trades_at_the_quote_when_it_is_better_than_the_limit()
    {
        var broker = new PaperBroker(new NoSlippage());
        broker.Match(Accepted(OrderSide.Buy, OrderType.Limit, 10m, 101m), Quote, 0.01m)!.Price.Should().Be(100.02m);
        broker.Match(Accepted(OrderSide.Sell, OrderType.Limit, 10m, 99m), Quote, 0.01m)!.Price.Should().Be(99.98m);
    }

    [Fact]
    public void Slippage_on_a_limit_order_is_capped_at_the_limit()
    {
        var broker = new PaperBroker(new FixedBpsSlippage(50m)); // 0.50 through the quote
        broker.Match(Accepted(OrderSide.Buy, OrderType.Limit, 10m, 100.10m), Quote, 0.01m)!.Price.Should().Be(100.10m);
        broker.Match(Accepted(OrderSide.Sell, OrderType.Limit, 10m, 99.90m), Quote, 0.01m)!.Price.Should().Be(99.90m);
    }

    [Fact]
    public void Limit_orders_take_at_most_the_configured_size_per_quote_and_market_orders_take_all()
    {
        var broker = new PaperBroker(new NoSlippage(), maxLimitFillPerQuote: 300m);
        broker.Match(Accepted(OrderSide.Buy, OrderType.Limit, 1_000m, 100.02m), Quote, 0.01m)!.Quantity.Should().Be(300m);
        broker.Match(Accepted(OrderSide.Buy, OrderType.Market, 1_000m), Quote, 0.01m)!.Quantity.Should().Be(1_000m);
    }

    [Fact]
    public void Prices_land_on_the_symbol_tick()
    {
        var quote = new Quote("X", 10.00m, 10.05m, 10.00m, T0);
        var broker = new PaperBroker(new FixedBpsSlippage(1m)); // 0.001005
        broker.Match(Accepted(OrderSide.Buy, OrderType.Market, 1m), quote, 0.05m)!.Price.Should().Be(10.10m);
        broker.Match(Accepted(OrderSide.Sell, OrderType.Market, 1m), quote, 0.05m)!.Price.Should().Be(9.95m);
    }

    [Fact]
    public void Terminal_orders_do_not_trade()
    {
        var filled = Accepted(OrderSide.Buy, OrderType.Market, 10m) with { Status = OrderStatus.Filled };
        new PaperBroker(new NoSlippage()).Match(filled, Quote, 0.01m).Should().BeNull();
    }
}
