using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Grains;

public class RestingOrderTests
{
    private static PlaceOrderRequest LimitBuy(string clientOrderId, decimal quantity, decimal limit, TimeInForce tif = TimeInForce.Gtc) =>
        new(clientOrderId, "AAPL", OrderSide.Buy, OrderType.Limit, quantity, limit, tif);

    [Fact]
    public async Task A_limit_buy_below_the_ask_rests_with_its_cash_reserved_and_fills_when_a_later_quote_crosses()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1", cash: 10_000m);
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        var placed = (await portfolio.PlaceOrder(LimitBuy("l1", 10m, 99.00m))).Order;

        placed.Status.Should().Be(OrderStatus.Accepted);
        var before = await portfolio.GetPortfolio();
        before.ReservedCash.Should().Be(990m);
        before.BuyingPower.Should().Be(9_010m);
        before.OpenOrders.Should().ContainSingle().Which.OrderId.Should().Be(placed.OrderId);
        (await silo.Venue("AAPL").GetResting()).Should().ContainSingle().Which.Remaining.Should().Be(10m);

        await silo.QuoteAsync("AAPL", 98.90m, 98.95m);

        var order = (await silo.RecordedOrder(placed.OrderId))!;
        order.Status.Should().Be(OrderStatus.Filled);
        order.AverageFillPrice.Should().Be(98.95m);
        order.Fills.Single().FillId.Should().Be(FillIds.For(placed.OrderId, 0m));
        var after = await portfolio.GetPortfolio();
        after.ReservedCash.Should().Be(0m);
        after.Cash.Should().Be(10_000m - 989.50m);
        after.OpenOrders.Should().BeEmpty();
        (await silo.Venue("AAPL").GetResting()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_limit_order_fills_in_parts_when_the_venue_caps_each_quote()
    {
        await using var silo = await TradingSilo.StartAsync(o => o.MaxLimitFillPerQuote = 100m);
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        var placed = (await portfolio.PlaceOrder(LimitBuy("l1", 250m, 100.02m))).Order;
        placed.Status.Should().Be(OrderStatus.PartiallyFilled);
        placed.FilledQuantity.Should().Be(100m);

        await silo.QuoteAsync("AAPL", 99.96m, 100.00m);
        (await silo.RecordedOrder(placed.OrderId))!.FilledQuantity.Should().Be(200m);
        (await portfolio.GetPortfolio()).ReservedCash.Should().Be(50m * 100.02m);

        await silo.QuoteAsync("AAPL", 99.96m, 100.01m);
        var order = (await silo.RecordedOrder(placed.OrderId))!;
        order.Status.Should().Be(OrderStatus.Filled);
        order.Fills.Select(f => (f.Quantity, f.Price)).Should().Equal((100m, 100.02m), (100m, 100.00m), (50m, 100.01m));
        order.AverageFillPrice.Should().Be(100.0100m); // (10002 + 10000 + 5000.50) / 250
        (await portfolio.GetPortfolio()).ReservedCash.Should().Be(0m);
    }

    [Fact]
    public async Task An_ioc_order_cancels_what_it_cannot_fill_at_once()
    {
        await using var silo = await TradingSilo.StartAsync(o => o.MaxLimitFillPerQuote = 100m);
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        var partly = (await portfolio.PlaceOrder(LimitBuy("ioc1", 250m, 100.02m, TimeInForce.Ioc))).Order;
        var notAtAll = (await portfolio.PlaceOrder(LimitBuy("ioc2", 10m, 99.00m, TimeInForce.Ioc))).Order;

        partly.Status.Should().Be(OrderStatus.Cancelled);
        partly.FilledQuantity.Should().Be(100m);
        notAtAll.Status.Should().Be(OrderStatus.Cancelled);
        notAtAll.FilledQuantity.Should().Be(0m);
        var view = await portfolio.GetPortfolio();
        view.ReservedCash.Should().Be(0m);
        view.OpenOrders.Should().BeEmpty();
        (await silo.Venue("AAPL").GetResting()).Should().BeEmpty();
    }

    [Fact]
    public async Task Cancel_releases_the_reservation_and_the_order_no_longer_trades()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1", cash: 10_000m);
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        var placed = (await portfolio.PlaceOrder(LimitBuy("l1", 10m, 99.00m))).Order;

        var cancelled = await portfolio.CancelOrder(placed.OrderId);

        cancelled.Status.Should().Be(OrderStatus.Cancelled);
        (await silo.RecordedOrder(placed.OrderId))!.Status.Should().Be(OrderStatus.Cancelled);
        (await silo.Venue("AAPL").GetResting()).Should().BeEmpty();
        await silo.QuoteAsync("AAPL", 98.00m, 98.05m);
        var view = await portfolio.GetPortfolio();
        view.Cash.Should().Be(10_000m);
        view.ReservedCash.Should().Be(0m);
        view.Positions.Should().BeEmpty();

        (await FluentActions.Awaiting(() => portfolio.CancelOrder(placed.OrderId)).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.Conflict);
        (await FluentActions.Awaiting(() => portfolio.CancelOrder(OrderIds.For("acc1", "never"))).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.NotFound);
        (await FluentActions.Awaiting(() => portfolio.CancelOrder(OrderIds.For("other", "l1"))).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.NotFound);
    }

    [Fact]
    public async Task The_portfolio_refuses_fills_for_orders_that_are_not_open_and_applies_a_fill_once()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1", cash: 10_000m);
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        var open = (await portfolio.PlaceOrder(LimitBuy("open", 10m, 99.00m))).Order;
        var cancelled = (await portfolio.PlaceOrder(LimitBuy("gone", 10m, 99.00m))).Order;
        await portfolio.CancelOrder(cancelled.OrderId);
        Fill FillFor(OrderView order) => new(FillIds.For(order.OrderId, 0m), order.OrderId, "acc1", "AAPL", OrderSide.Buy, 4m, 99.00m, silo.Clock.GetUtcNow());

        (await FluentActions.Awaiting(() => portfolio.ApplyVenueFill(FillFor(cancelled))).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.Conflict);
        await portfolio.ApplyVenueFill(FillFor(open));
        await portfolio.ApplyVenueFill(FillFor(open));

        var order = (await silo.RecordedOrder(open.OrderId))!;
        order.FilledQuantity.Should().Be(4m);
        (await portfolio.GetPortfolio()).Cash.Should().Be(10_000m - 396m);
        (await FluentActions.Awaiting(() => portfolio.ApplyVenueFill(FillFor(open) with { FillId = "x", Price = 99.50m })).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.Invalid);
    }

    [Fact]
    public async Task Day_orders_expire_at_the_session_close()
    {
        await using var silo = await TradingSilo.StartAsync(o => o.SessionCloseUtc = new TimeSpan(21, 0, 0));
        var portfolio = await silo.OpenAsync("acc1", cash: 10_000m);
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        var day = (await portfolio.PlaceOrder(LimitBuy("day", 10m, 99.00m, TimeInForce.Day))).Order;
        var gtc = (await portfolio.PlaceOrder(LimitBuy("gtc", 10m, 99.00m))).Order;

        silo.Clock.Advance(TimeSpan.FromHours(7)); // 21:30 UTC
        var view = await portfolio.GetPortfolio();

        view.OpenOrders.Select(o => o.OrderId).Should().Equal(gtc.OrderId);
        view.ReservedCash.Should().Be(990m);
        var expired = (await silo.RecordedOrder(day.OrderId))!;
        expired.Status.Should().Be(OrderStatus.Cancelled);
        expired.RejectReason.Should().Contain("expired");
        (await silo.Venue("AAPL").GetResting()).Select(r => r.OrderId).Should().Equal(gtc.OrderId);
    }
}
