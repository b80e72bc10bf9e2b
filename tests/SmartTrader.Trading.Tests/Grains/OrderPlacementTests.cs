using System.Text;
using SmartTrader.Runtime;
using SmartTrader.Trading.Domain;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.Tests.Grains;

public class OrderPlacementTests
{
    private static PlaceOrderRequest MarketBuy(string clientOrderId, decimal quantity = 10m, string symbol = "AAPL") =>
        new(clientOrderId, symbol, OrderSide.Buy, OrderType.Market, quantity);

    [Fact]
    public async Task An_acknowledged_order_is_recorded_and_the_portfolio_holds_no_copy_of_it()
    {
        var storage = new MemoryGrainStorage();
        await using var silo = await TradingSilo.StartAsync(storage: storage);
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        var result = await portfolio.PlaceOrder(MarketBuy("c1"));

        (await silo.RecordedOrder(result.Order.OrderId)).Should().BeEquivalentTo(result.Order, "the record is committed with the acknowledged change");
        var row = await storage.ReadAsync(new GrainStateKey(PortfolioGrain.TypeName, "acc1", PortfolioGrain.StateName));
        Encoding.UTF8.GetString(row!.Payload).Should().NotContain(result.Order.OrderId, "a filled order lives in its record only");
    }

    [Fact]
    public async Task A_market_buy_fills_at_the_ask_and_is_recorded_in_its_order_grain()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        var result = await portfolio.PlaceOrder(MarketBuy("c1"));

        result.Duplicate.Should().BeFalse();
        result.Order.OrderId.Should().Be(OrderIds.For("acc1", "c1"));
        result.Order.Status.Should().Be(OrderStatus.Filled);
        result.Order.AverageFillPrice.Should().Be(100.02m);
        (await silo.RecordedOrder(result.Order.OrderId)).Should().BeEquivalentTo(result.Order);

        var view = await portfolio.GetPortfolio();
        view.Cash.Should().Be(100_000m - 1_000.20m);
        view.Positions.Should().ContainSingle().Which.Should().Be(new PositionView("AAPL", 10m, 100.02m, 100.00m, 1_000.00m, -0.20m, 0m));
        view.TaxLots.Should().ContainSingle().Which.CostPerShare.Should().Be(100.02m);
        view.Equity.Should().Be(99_999.80m);
        silo.Events.Orders.Should().ContainSingle(o => o.OrderId == result.Order.OrderId);
    }

    [Fact]
    public async Task Fills_are_listed_from_the_records_and_kept_current_after_the_first_page()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        var first = await portfolio.PlaceOrder(MarketBuy("c1", quantity: 1m));
        await silo.Runtime.DeactivateAllAsync();
        portfolio = silo.Portfolio("acc1");

        (await portfolio.GetFills(since: null, limit: 10, after: null))!.Fills.Should().Equal(first.Order.Fills, "a new activation lists what was recorded");
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        var second = await portfolio.PlaceOrder(MarketBuy("c2", quantity: 2m));
        second.Order.Status.Should().Be(OrderStatus.Filled, second.Order.RejectReason);

        var page = await portfolio.GetFills(since: null, limit: 1, after: first.Order.Fills.Single().FillId);
        page!.Fills.Should().Equal(second.Order.Fills);
        page.Next.Should().BeNull();
        (await portfolio.GetFills(since: null, limit: 1, after: "acc1.unknown")).Should().BeNull();
    }

    [Fact]
    public async Task The_same_client_order_id_twice_is_one_order()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        var first = await portfolio.PlaceOrder(MarketBuy("c1"));
        var second = await portfolio.PlaceOrder(MarketBuy("c1"));

        second.Duplicate.Should().BeTrue();
        second.Order.Should().BeEquivalentTo(first.Order);
        (await portfolio.GetPortfolio()).Positions.Single().Quantity.Should().Be(10m);
    }

    [Theory]
    [InlineData(11, TimeInForce.Day)]
    [InlineData(10, TimeInForce.Gtc)]
    [InlineData(10, TimeInForce.Ioc)]
    public async Task A_reused_client_order_id_with_other_terms_is_a_conflict(int quantity, TimeInForce timeInForce)
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        await portfolio.PlaceOrder(MarketBuy("c1"));

        var reuse = () => portfolio.PlaceOrder(MarketBuy("c1", quantity: quantity) with { TimeInForce = timeInForce });

        (await reuse.Should().ThrowAsync<TradingException>()).Which.Kind.Should().Be(TradingErrorKind.Conflict);
    }

    [Fact]
    public async Task A_client_order_id_is_remembered_after_the_portfolio_is_deactivated()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        var first = await portfolio.PlaceOrder(MarketBuy("c1"));

        await silo.Runtime.DeactivateAllAsync();
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        var again = await portfolio.PlaceOrder(MarketBuy("c1"));

        again.Duplicate.Should().BeTrue();
        again.Order.Should().BeEquivalentTo(first.Order, "a stored order compares by content (its fills are an ImmutableArray)");
        (await portfolio.GetPortfolio()).Cash.Should().Be(100_000m - 1_000.20m);
    }

    [Fact]
    public async Task A_new_client_order_id_is_placed_without_reading_storage_and_a_resubmission_is_read_back()
    {
        var storage = new CountingStorage(new MemoryGrainStorage());
        await using var silo = await TradingSilo.StartAsync(storage: storage);
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        var first = await portfolio.PlaceOrder(MarketBuy("c1"));
        await silo.Runtime.DeactivateAllAsync();
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        var orderReads = () => storage.Reads.Count(k => k.GrainType == OrderRecords.TypeName);
        var before = orderReads();

        for (var i = 2; i <= 20; i++) (await portfolio.PlaceOrder(MarketBuy($"c{i}"))).Duplicate.Should().BeFalse();
        orderReads().Should().Be(before, "the reactivated portfolio knows its recorded orders from the one scan of its records");

        var again = await portfolio.PlaceOrder(MarketBuy("c1"));
        again.Duplicate.Should().BeTrue();
        again.Order.Should().BeEquivalentTo(first.Order);
        orderReads().Should().Be(before + 1, "a known clientOrderId is answered from its record");
        (await portfolio.PlaceOrder(MarketBuy("c7"))).Duplicate.Should().BeTrue("an order of this activation is known too");
    }

    [Fact]
    public async Task Concurrent_duplicate_submissions_make_one_order()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => portfolio.PlaceOrder(MarketBuy("same")))));

        results.Count(r => !r.Duplicate).Should().Be(1);
        results.Select(r => r.Order.OrderId).Distinct().Should().ContainSingle();
        (await portfolio.GetPortfolio()).Positions.Single().Quantity.Should().Be(10m);
    }

    [Fact]
    public async Task Insufficient_buying_power_rejects_and_consumes_the_client_order_id()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1", cash: 500m);
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);

        var result = await portfolio.PlaceOrder(MarketBuy("big"));

        result.Order.Status.Should().Be(OrderStatus.Rejected);
        // The pre-trade rule BuyingPower rejects it now, and the reason names the rule.
        result.Order.Failures.Should().ContainSingle().Which.Rule.Should().Be("BuyingPower");
        result.Order.RejectReason.Should().StartWith("[BuyingPower] Insufficient buying power");
        (await silo.RecordedOrder(result.Order.OrderId))!.Status.Should().Be(OrderStatus.Rejected);
        var again = await portfolio.PlaceOrder(MarketBuy("big"));
        again.Duplicate.Should().BeTrue();
        again.Order.Status.Should().Be(OrderStatus.Rejected);
        (await portfolio.GetPortfolio()).Cash.Should().Be(500m);
    }

    [Fact]
    public async Task A_market_order_without_a_quote_is_rejected()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1");
        (await portfolio.PlaceOrder(MarketBuy("c1"))).Order.RejectReason.Should().Contain("no quote for AAPL");
    }

    [Fact]
    public async Task Malformed_orders_unknown_symbols_and_unknown_accounts_throw()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1");

        (await FluentActions.Awaiting(() => portfolio.PlaceOrder(MarketBuy("c1", quantity: 1.5m))).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.Invalid);
        (await FluentActions.Awaiting(() => portfolio.PlaceOrder(MarketBuy("c2", symbol: "NOPE"))).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.NotFound);
        (await FluentActions.Awaiting(() => silo.Portfolio("ghost").PlaceOrder(MarketBuy("c3"))).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.NotFound);
    }

    [Fact]
    public async Task Selling_more_than_held_is_rejected_and_selling_what_is_held_realises_pnl()
    {
        await using var silo = await TradingSilo.StartAsync(o => { o.CommissionPerShare = 0.01m; o.CommissionMinimumPerOrder = 1m; });
        var portfolio = await silo.OpenAsync("acc1");
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        await portfolio.PlaceOrder(MarketBuy("buy", quantity: 200m));
        await silo.QuoteAsync("AAPL", 101.00m, 101.04m);

        (await portfolio.PlaceOrder(new PlaceOrderRequest("too-many", "AAPL", OrderSide.Sell, OrderType.Market, 201m)))
            .Order.Status.Should().Be(OrderStatus.Rejected);
        var sell = await portfolio.PlaceOrder(new PlaceOrderRequest("sell", "AAPL", OrderSide.Sell, OrderType.Market, 50m));

        sell.Order.AverageFillPrice.Should().Be(101.00m);
        var view = await portfolio.GetPortfolio();
        var position = view.Positions.Single();
        position.Quantity.Should().Be(150m);
        position.RealizedPnl.Should().Be(-2.00m + 49.00m - 1.00m); // buy commission 2.00; 50 × 0.98; sell commission 1.00 (minimum)
        view.Cash.Should().Be(100_000m - 20_004m - 2m + 5_050m - 1m);
    }

    [Fact]
    public async Task Accounts_open_idempotently_and_are_listed()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = silo.Portfolio("acc1");
        var request = new OpenAccountRequest("Main", AccountType.Margin, 50_000m, "alice");

        var opened = await portfolio.Open(request);
        (await portfolio.Open(request)).Should().Be(opened);
        (await FluentActions.Awaiting(() => portfolio.Open(request with { InitialCash = 1m })).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.Conflict);

        (await silo.Accounts.ListAsync(after: null, limit: 10, CancellationToken.None)).Accounts.Should().Equal(opened);
        (await portfolio.GetEquityHistory()).Should().ContainSingle().Which.Equity.Should().Be(50_000m);
    }

    [Fact]
    public async Task A_margin_account_sells_short_and_marks_the_short_against_the_quote()
    {
        await using var silo = await TradingSilo.StartAsync();
        var portfolio = await silo.OpenAsync("acc1", cash: 10_000m, type: AccountType.Margin);
        await silo.QuoteAsync("XOM", 109.99m, 110.01m);

        (await portfolio.PlaceOrder(new PlaceOrderRequest("s", "XOM", OrderSide.SellShort, OrderType.Market, 100m))).Order.Status.Should().Be(OrderStatus.Filled);
        await silo.QuoteAsync("XOM", 104.99m, 105.01m);

        var view = await portfolio.GetPortfolio();
        view.Cash.Should().Be(20_999m);
        view.Positions.Single().Should().Be(new PositionView("XOM", -100m, 109.99m, 105.00m, -10_500m, 499m, 0m));
        view.Equity.Should().Be(10_499m);
        view.BuyingPower.Should().Be(2m * 10_499m - 10_500m);
    }
}
