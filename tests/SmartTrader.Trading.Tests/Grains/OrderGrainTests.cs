using SmartTrader.Trading.Domain;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.Tests.Grains;

public class OrderGrainTests
{
    private static OrderView Accepted(DateTimeOffset now) => OrderLifecycle.Accept(
        OrderLifecycle.Create("acc1.x", "acc1", new PlaceOrderRequest("x", "AAPL", OrderSide.Buy, OrderType.Limit, 10m, 99m), now), now);

    [Fact]
    public async Task Older_and_equal_versions_are_ignored()
    {
        await using var silo = await TradingSilo.StartAsync();
        var accepted = Accepted(silo.Clock.GetUtcNow());
        var cancelled = OrderLifecycle.Cancel(accepted, silo.Clock.GetUtcNow());
        var grain = silo.Order("acc1.x");

        await grain.Record(cancelled);
        (await grain.Record(accepted)).Should().Be(cancelled);
        (await grain.Get()).Should().Be(cancelled);
    }

    [Fact]
    public async Task A_finished_order_frees_its_activation_and_reads_back_from_storage()
    {
        await using var silo = await TradingSilo.StartAsync();
        var accepted = Accepted(silo.Clock.GetUtcNow());
        var grain = silo.Order("acc1.x");

        await grain.Record(accepted);
        ActiveOrders(silo).Should().Be(1, "a working order stays active");

        var cancelled = OrderLifecycle.Cancel(accepted, silo.Clock.GetUtcNow());
        await grain.Record(cancelled);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ActiveOrders(silo) > 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        ActiveOrders(silo).Should().Be(0);

        (await grain.Get())!.Status.Should().Be(OrderStatus.Cancelled);
    }

    private static int ActiveOrders(TradingSilo silo) =>
        silo.Runtime.Diagnostics.ActivationCountsByType().GetValueOrDefault(OrderGrain.TypeName);

    [Fact]
    public async Task Illegal_transitions_and_changed_terms_throw()
    {
        await using var silo = await TradingSilo.StartAsync();
        var now = silo.Clock.GetUtcNow();
        var accepted = Accepted(now);
        var grain = silo.Order("acc1.x");
        await grain.Record(OrderLifecycle.Cancel(accepted, now));

        await FluentActions.Awaiting(() => grain.Record(accepted with { Status = OrderStatus.Filled, Version = 5 }))
            .Should().ThrowAsync<IllegalOrderTransitionException>();
        await FluentActions.Awaiting(() => grain.Record(accepted with { Quantity = 11m, Status = OrderStatus.Cancelled, Version = 6 }))
            .Should().ThrowAsync<TradingException>();
        (await grain.Get())!.Version.Should().Be(3);
    }

    [Fact]
    public async Task A_snapshot_for_another_order_is_refused()
    {
        await using var silo = await TradingSilo.StartAsync();
        (await FluentActions.Awaiting(() => silo.Order("acc1.other").Record(Accepted(silo.Clock.GetUtcNow()))).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.Invalid);
    }
}
