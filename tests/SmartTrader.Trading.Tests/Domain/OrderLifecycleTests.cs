using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Domain;

public class OrderLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    private static OrderView NewOrder(decimal quantity = 100m) =>
        OrderLifecycle.Create("acc.1", "acc", new PlaceOrderRequest("c1", "AAPL", OrderSide.Buy, OrderType.Limit, quantity, 100m), T0);

    private static Fill FillOf(decimal quantity, decimal price, string id = "f1") =>
        new(id, "acc.1", "acc", "AAPL", OrderSide.Buy, quantity, price, T0);

    [Fact]
    public void A_new_order_starts_at_version_one_with_nothing_filled()
    {
        var order = NewOrder();
        order.Status.Should().Be(OrderStatus.New);
        order.Version.Should().Be(1);
        order.FilledQuantity.Should().Be(0m);
        order.RemainingQuantity.Should().Be(100m);
    }

    [Fact]
    public void Accept_then_fill_in_parts_reaches_filled_with_a_volume_weighted_price_and_a_version_per_change()
    {
        var order = OrderLifecycle.Accept(NewOrder(), T0);
        order = OrderLifecycle.ApplyFill(order, FillOf(30m, 100.00m, "f1"), T0);
        order.Status.Should().Be(OrderStatus.PartiallyFilled);
        order = OrderLifecycle.ApplyFill(order, FillOf(30m, 101.00m, "f2"), T0);
        order.Status.Should().Be(OrderStatus.PartiallyFilled);
        order = OrderLifecycle.ApplyFill(order, FillOf(40m, 99.50m, "f3"), T0);

        order.Status.Should().Be(OrderStatus.Filled);
        order.FilledQuantity.Should().Be(100m);
        order.AverageFillPrice.Should().Be(100.10m); // (3000 + 3030 + 3980) / 100
        order.Fills.Select(f => f.FillId).Should().Equal("f1", "f2", "f3");
        order.Version.Should().Be(5);
        order.RemainingQuantity.Should().Be(0m);
    }

    [Fact]
    public void An_accepted_order_fills_at_once()
    {
        var order = OrderLifecycle.ApplyFill(OrderLifecycle.Accept(NewOrder(), T0), FillOf(100m, 99.99m), T0);
        order.Status.Should().Be(OrderStatus.Filled);
        order.AverageFillPrice.Should().Be(99.99m);
    }

    [Fact]
    public void Accepted_and_partially_filled_orders_cancel()
    {
        OrderLifecycle.Cancel(OrderLifecycle.Accept(NewOrder(), T0), T0).Status.Should().Be(OrderStatus.Cancelled);

        var partial = OrderLifecycle.ApplyFill(OrderLifecycle.Accept(NewOrder(), T0), FillOf(10m, 100m), T0);
        var cancelled = OrderLifecycle.Cancel(partial, T0);
        cancelled.Status.Should().Be(OrderStatus.Cancelled);
        cancelled.FilledQuantity.Should().Be(10m);
        cancelled.RemainingQuantity.Should().Be(0m);
    }

    [Fact]
    public void A_new_order_rejects_with_its_reason()
    {
        var rejected = OrderLifecycle.Reject(NewOrder(), "Insufficient buying power", T0);
        rejected.Status.Should().Be(OrderStatus.Rejected);
        rejected.RejectReason.Should().Be("Insufficient buying power");
        rejected.Version.Should().Be(2);
    }

    public static TheoryData<OrderStatus, OrderStatus> IllegalMoves()
    {
        var legal = new HashSet<(OrderStatus, OrderStatus)>
        {
            (OrderStatus.New, OrderStatus.Accepted), (OrderStatus.New, OrderStatus.Rejected),
            (OrderStatus.Accepted, OrderStatus.PartiallyFilled), (OrderStatus.Accepted, OrderStatus.Filled), (OrderStatus.Accepted, OrderStatus.Cancelled),
            (OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled), (OrderStatus.PartiallyFilled, OrderStatus.Filled), (OrderStatus.PartiallyFilled, OrderStatus.Cancelled),
        };
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        foreach (var to in Enum.GetValues<OrderStatus>())
            if (!legal.Contains((from, to))) data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Every_move_outside_the_lifecycle_is_illegal(OrderStatus from, OrderStatus to)
    {
        OrderTransitions.IsLegal(from, to).Should().BeFalse();
    }

    [Theory]
    [InlineData(OrderStatus.Filled)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    public void Terminal_orders_refuse_every_operation(OrderStatus terminal)
    {
        var order = NewOrder() with { Status = terminal };
        FluentActions.Invoking(() => OrderLifecycle.Accept(order, T0)).Should().Throw<IllegalOrderTransitionException>();
        FluentActions.Invoking(() => OrderLifecycle.Cancel(order, T0)).Should().Throw<IllegalOrderTransitionException>()
            .Which.Kind.Should().Be(TradingErrorKind.Conflict);
        FluentActions.Invoking(() => OrderLifecycle.Reject(order, "no", T0)).Should().Throw<IllegalOrderTransitionException>();
        FluentActions.Invoking(() => OrderLifecycle.ApplyFill(order, FillOf(1m, 100m), T0)).Should().Throw<IllegalOrderTransitionException>();
    }

    [Fact]
    public void A_new_order_can_neither_fill_nor_cancel_before_it_is_accepted()
    {
        FluentActions.Invoking(() => OrderLifecycle.ApplyFill(NewOrder(), FillOf(1m, 100m), T0)).Should().Throw<IllegalOrderTransitionException>();
        FluentActions.Invoking(() => OrderLifecycle.Cancel(NewOrder(), T0)).Should().Throw<IllegalOrderTransitionException>();
    }

    [Fact]
    public void An_accepted_order_cannot_be_rejected_or_accepted_again()
    {
        var accepted = OrderLifecycle.Accept(NewOrder(), T0);
        FluentActions.Invoking(() => OrderLifecycle.Reject(accepted, "late", T0)).Should().Throw<IllegalOrderTransitionException>();
        FluentActions.Invoking(() => OrderLifecycle.Accept(accepted, T0)).Should().Throw<IllegalOrderTransitionException>();
    }

    [Fact]
    public void A_fill_larger_than_what_is_left_is_refused()
    {
        var partial = OrderLifecycle.ApplyFill(OrderLifecycle.Accept(NewOrder(), T0), FillOf(60m, 100m), T0);
        FluentActions.Invoking(() => OrderLifecycle.ApplyFill(partial, FillOf(41m, 100m, "f2"), T0))
            .Should().Throw<TradingException>().Which.Kind.Should().Be(TradingErrorKind.Conflict);
    }

    [Theory]
    [InlineData(OrderStatus.New, OrderStatus.Filled, true)]
    [InlineData(OrderStatus.New, OrderStatus.Cancelled, true)]
    [InlineData(OrderStatus.Accepted, OrderStatus.Filled, true)]
    [InlineData(OrderStatus.Filled, OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.Accepted, false)]
    [InlineData(OrderStatus.Rejected, OrderStatus.Accepted, false)]
    [InlineData(OrderStatus.Accepted, OrderStatus.Rejected, false)]
    public void Reachability_follows_chains_of_legal_moves(OrderStatus from, OrderStatus to, bool reachable)
    {
        OrderTransitions.CanReach(from, to).Should().Be(reachable);
    }

    [Fact]
    public void Same_terms_compare_symbol_side_type_quantity_and_limit()
    {
        var order = NewOrder();
        var request = new PlaceOrderRequest("c1", "AAPL", OrderSide.Buy, OrderType.Limit, 100m, 100m);
        OrderLifecycle.SameTerms(order, request).Should().BeTrue();
        OrderLifecycle.SameTerms(order, request with { Quantity = 101m }).Should().BeFalse();
        OrderLifecycle.SameTerms(order, request with { LimitPrice = 100.01m }).Should().BeFalse();
        OrderLifecycle.SameTerms(order, request with { Side = OrderSide.Sell }).Should().BeFalse();
        OrderLifecycle.SameTerms(order, request with { Symbol = "MSFT" }).Should().BeFalse();
        OrderLifecycle.SameTerms(order, request with { Type = OrderType.Market, LimitPrice = null }).Should().BeFalse();
    }
}
