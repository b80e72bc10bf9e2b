using System.Text.Json;
using SmartTrader.Runtime;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.Tests.Grains;

public class RecoveryTests
{
    [Fact]
    public async Task An_order_whose_record_cannot_be_written_is_not_acknowledged_and_changes_nothing()
    {
        var storage = new FlakyStorage(new MemoryGrainStorage());
        await using var silo = await TradingSilo.StartAsync(storage: storage);
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        storage.FailWritesOf = OrderRecords.TypeName;
        await FluentActions.Awaiting(() => portfolio.PlaceOrder(new PlaceOrderRequest("c1", "AAPL", OrderSide.Buy, OrderType.Market, 10m)))
            .Should().ThrowAsync<IOException>();
        storage.FailWritesOf = null;

        (await silo.RecordedOrder(OrderIds.For("acc1", "c1"))).Should().BeNull();
        var view = await portfolio.GetPortfolio();
        view.Cash.Should().Be(100_000m);
        view.Positions.Should().BeEmpty();
        var retry = await portfolio.PlaceOrder(new PlaceOrderRequest("c1", "AAPL", OrderSide.Buy, OrderType.Market, 10m));
        retry.Duplicate.Should().BeFalse();
        (await silo.RecordedOrder(retry.Order.OrderId))!.Status.Should().Be(OrderStatus.Filled);
    }

    [Fact]
    public async Task An_outbox_left_by_an_older_version_is_recorded_when_the_portfolio_activates()
    {
        var storage = new MemoryGrainStorage();
        var clock = new ManualTimeProvider();
        OrderView filled;
        await using (var silo = await TradingSilo.StartAsync(storage: storage, clock: clock))
        {
            var portfolio = await silo.OpenAsync("acc1");
            await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
            filled = (await portfolio.PlaceOrder(new PlaceOrderRequest("c1", "AAPL", OrderSide.Buy, OrderType.Market, 10m))).Order;
        }
        // As an older version left it: the snapshot committed in the portfolio's outbox, its record never written.
        var key = new GrainStateKey(PortfolioGrain.TypeName, "acc1", PortfolioGrain.StateName);
        var row = await storage.ReadAsync(key);
        var state = JsonSerializer.Deserialize<PortfolioState>(row!.Payload, GrainStateJson.Options)!;
        state.Outbox[filled.OrderId] = filled;
        await storage.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(state, GrainStateJson.Options), row.Etag);
        await storage.ClearAsync(OrderRecords.Key(filled.OrderId), (await storage.ReadAsync(OrderRecords.Key(filled.OrderId)))!.Etag);

        await using var restarted = await TradingSilo.StartAsync(storage: storage, clock: clock);
        (await restarted.Portfolio("acc1").GetAccount()).Should().NotBeNull();

        (await restarted.RecordedOrder(filled.OrderId)).Should().BeEquivalentTo(filled);
        var drained = JsonSerializer.Deserialize<PortfolioState>((await storage.ReadAsync(key))!.Payload, GrainStateJson.Options)!;
        drained.Outbox.Should().BeEmpty();
        (await restarted.Portfolio("acc1").GetPortfolio()).Positions.Single().Quantity.Should().Be(10m);
    }

    [Fact]
    public async Task A_failed_portfolio_write_leaves_nothing_behind_in_memory()
    {
        var storage = new FlakyStorage(new MemoryGrainStorage());
        await using var silo = await TradingSilo.StartAsync(storage: storage);
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        storage.FailWritesOf = PortfolioGrain.TypeName;
        await FluentActions.Awaiting(() => portfolio.PlaceOrder(new PlaceOrderRequest("c1", "AAPL", OrderSide.Buy, OrderType.Market, 10m)))
            .Should().ThrowAsync<IOException>();
        storage.FailWritesOf = null;

        var view = await portfolio.GetPortfolio();
        view.Cash.Should().Be(100_000m);
        view.Positions.Should().BeEmpty();
        var retry = await portfolio.PlaceOrder(new PlaceOrderRequest("c1", "AAPL", OrderSide.Buy, OrderType.Market, 10m));
        retry.Duplicate.Should().BeFalse();
    }

    [Fact]
    public async Task Resting_orders_survive_a_restart_and_fill_afterwards()
    {
        var storage = new MemoryGrainStorage();
        var clock = new ManualTimeProvider();
        string orderId;
        await using (var silo = await TradingSilo.StartAsync(storage: storage, clock: clock))
        {
            var portfolio = await silo.OpenAsync("acc1");
            await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
            orderId = (await portfolio.PlaceOrder(new PlaceOrderRequest("l1", "AAPL", OrderSide.Buy, OrderType.Limit, 10m, 99.00m, TimeInForce.Gtc))).Order.OrderId;
        }

        await using var restarted = await TradingSilo.StartAsync(storage: storage, clock: clock);
        await restarted.QuoteAsync("AAPL", 98.97m, 99.00m);

        (await restarted.RecordedOrder(orderId))!.Status.Should().Be(OrderStatus.Filled);
        (await restarted.Portfolio("acc1").GetPortfolio()).ReservedCash.Should().Be(0m);
    }

    [Fact]
    public async Task The_equity_history_is_stored_apart_from_the_portfolio_and_survives_a_restart()
    {
        var storage = new MemoryGrainStorage();
        var clock = new ManualTimeProvider();
        await using (var silo = await TradingSilo.StartAsync(storage: storage, clock: clock))
        {
            var portfolio = await silo.OpenAsync("acc1");
            await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
            clock.Advance(TimeSpan.FromMinutes(1));
            await portfolio.PlaceOrder(new PlaceOrderRequest("c1", "AAPL", OrderSide.Buy, OrderType.Market, 10m));
        }

        var portfolioRow = await storage.ReadAsync(new GrainStateKey(PortfolioGrain.TypeName, "acc1", PortfolioGrain.StateName));
        JsonDocument.Parse(portfolioRow!.Payload).RootElement.TryGetProperty("equityHistory", out _).Should().BeFalse();
        await using var restarted = await TradingSilo.StartAsync(storage: storage, clock: clock);
        (await restarted.Portfolio("acc1").GetEquityHistory()).Select(p => p.Equity).Should().HaveCount(2).And.StartWith(100_000m);
    }

    [Fact]
    public async Task Equity_is_sampled_once_per_interval_however_many_orders_trade()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await TradingSilo.StartAsync(clock: clock);
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        for (var i = 0; i < 5; i++)
            await portfolio.PlaceOrder(new PlaceOrderRequest($"same-minute-{i}", "AAPL", OrderSide.Buy, OrderType.Market, 1m));
        (await portfolio.GetEquityHistory()).Should().ContainSingle("orders within one interval add no point");

        clock.Advance(TimeSpan.FromMinutes(1));
        await portfolio.PlaceOrder(new PlaceOrderRequest("next-minute", "AAPL", OrderSide.Buy, OrderType.Market, 1m));
        var history = await portfolio.GetEquityHistory();
        history.Should().HaveCount(2);
        history[1].Cash.Should().Be(100_000m - 6 * 100.02m);
    }
}
