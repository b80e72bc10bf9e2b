using System.Collections.Concurrent;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.Tests.Grains;

namespace SmartTrader.Trading.Tests.PreTrade;

/// <summary>Which ruleset version judges an order, how a new one takes over, and what happens without one.</summary>
public class JudgingVersionTests
{
    private static readonly RulesetVersionRef Shipped = PreTradeVersions.VersionOf(PreTradeVersions.Of(ShippedRulesets.PreTrade, 1));

    private static PlaceOrderRequest Buy(string clientOrderId, decimal quantity) => new(clientOrderId, "AAPL", OrderSide.Buy, OrderType.Market, quantity);

    private static async Task<(TradingSilo Silo, IPortfolioGrain Portfolio)> StartAsync(bool activateShippedRules = true)
    {
        var silo = await TradingSilo.StartAsync(o => o.RiskLimits.MaxOrderQuantity = 50m, activateShippedRules: activateShippedRules);
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        return (silo, await silo.OpenAsync("acc1"));
    }

    [Fact]
    public async Task Accepted_and_rejected_orders_record_the_version_that_judged_them()
    {
        var (silo, portfolio) = await StartAsync();
        await using var _ = silo;

        var accepted = (await portfolio.PlaceOrder(Buy("ok", 10m))).Order;
        var rejected = (await portfolio.PlaceOrder(Buy("too-big", 51m))).Order;

        accepted.RulesetVersion.Should().Be(Shipped);
        rejected.RulesetVersion.Should().Be(Shipped);
        (await silo.RecordedOrder(accepted.OrderId))!.RulesetVersion.Should().Be(Shipped);
        var recorded = (await silo.RecordedOrder(rejected.OrderId))!;
        recorded.RulesetVersion.Should().Be(Shipped);
        recorded.Failures.Should().Equal(rejected.Failures);
    }

    [Fact]
    public async Task Orders_placed_after_a_publication_are_judged_by_the_new_version()
    {
        var (silo, portfolio) = await StartAsync();
        await using var _ = silo;
        var tighter = PreTradeVersions.Of(PreTradeVersions.ShippedWith("MaxOrderQuantity", "order.Quantity <= 5"), version: 2);
        (await portfolio.PlaceOrder(Buy("before", 10m))).Order.Status.Should().Be(OrderStatus.Filled);

        silo.Rulesets.Publish(tighter);
        var after = (await portfolio.PlaceOrder(Buy("after", 10m))).Order;

        silo.Rulesets.PreTrade!.Version.Should().Be(PreTradeVersions.VersionOf(tighter));
        after.Status.Should().Be(OrderStatus.Rejected);
        after.Failures.Should().ContainSingle().Which.Rule.Should().Be("MaxOrderQuantity");
        after.RulesetVersion.Should().Be(PreTradeVersions.VersionOf(tighter));
    }

    [Theory]
    [InlineData("an expression that does not compile")]
    [InlineData("a file that is not JSON")]
    [InlineData("a file without the pre-trade workflow")]
    public async Task Content_that_does_not_compile_leaves_the_active_version_in_force(string what)
    {
        var (silo, portfolio) = await StartAsync();
        await using var _ = silo;
        var content = what switch
        {
            "an expression that does not compile" => PreTradeVersions.ShippedWith("MaxOrderQuantity", "order.NoSuchFact <= 5"),
            "a file that is not JSON" => "{ \"WorkflowName\": \"pre-trade\", \"Rules\": [",
            _ => ShippedRulesets.PreTrade.Replace("\"WorkflowName\": \"pre-trade\"", "\"WorkflowName\": \"other\"", StringComparison.Ordinal),
        };

        silo.Rulesets.Publish(PreTradeVersions.Of(content, version: 2));
        var order = (await portfolio.PlaceOrder(Buy("after", 51m))).Order;

        silo.Rulesets.PreTrade!.Version.Should().Be(Shipped);
        order.RulesetVersion.Should().Be(Shipped);
        order.Failures.Should().ContainSingle().Which.Rule.Should().Be("MaxOrderQuantity");
    }

    [Fact]
    public async Task Orders_racing_publications_are_judged_and_stamped_by_one_whole_version()
    {
        await using var silo = await TradingSilo.StartAsync(o => o.RiskLimits.MaxOrdersPerSecond = int.MaxValue); // the clock stands still
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        var accounts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => silo.OpenAsync($"acc{i}", cash: 1_000_000_000m)));
        var tight = PreTradeVersions.ShippedWith("MaxOrderQuantity", "order.Quantity <= 5");
        var versions = new[] { PreTradeVersions.Of(tight, 2), PreTradeVersions.Of(ShippedRulesets.PreTrade, 3), PreTradeVersions.Of(tight + " ", 4) };
        var orders = new ConcurrentBag<OrderView>();
        using var stop = new CancellationTokenSource();

        var traders = accounts.Select(portfolio => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                orders.Add((await portfolio.PlaceOrder(Buy($"o-{i}", 10m))).Order);
        })).ToArray();
        foreach (var version in versions)
        {
            await Task.Delay(50);
            silo.Rulesets.Publish(version);
        }
        await Task.Delay(50);
        await stop.CancelAsync();
        await Task.WhenAll(traders);

        var tightVersions = new[] { 2, 4 };
        orders.Should().OnlyContain(o => tightVersions.Contains(o.RulesetVersion!.Version)
            ? o.Status == OrderStatus.Rejected && o.Failures.Any(f => f.Rule == "MaxOrderQuantity")
            : o.Status == OrderStatus.Filled);
        orders.Select(o => o.RulesetVersion!.Version).Distinct().Should().HaveCountGreaterThan(1);
        silo.Rulesets.PreTrade!.Version.Version.Should().Be(4);
    }

    [Fact]
    public async Task Resubmitting_a_rejected_client_order_id_returns_the_same_rejection_even_under_a_looser_version()
    {
        var (silo, portfolio) = await StartAsync();
        await using var _ = silo;
        var first = (await portfolio.PlaceOrder(Buy("too-big", 51m))).Order;
        silo.Rulesets.Publish(PreTradeVersions.Of(PreTradeVersions.ShippedWith("MaxOrderQuantity", "true"), version: 2));

        var again = await portfolio.PlaceOrder(Buy("too-big", 51m));

        again.Duplicate.Should().BeTrue();
        again.Order.Should().BeEquivalentTo(first);
        again.Order.RulesetVersion.Should().Be(Shipped);
        var view = await portfolio.GetPortfolio();
        view.Positions.Should().BeEmpty();
        view.Cash.Should().Be(100_000m);
    }

    [Fact]
    public async Task Without_an_active_ruleset_orders_are_refused_as_unavailable_and_leave_nothing_behind()
    {
        var (silo, portfolio) = await StartAsync(activateShippedRules: false);
        await using var _ = silo;

        (await FluentActions.Awaiting(() => portfolio.PlaceOrder(Buy("c1", 10m))).Should().ThrowAsync<TradingException>())
            .Which.Kind.Should().Be(TradingErrorKind.Unavailable);
        (await silo.RecordedOrder(OrderIds.For("acc1", "c1"))).Should().BeNull();

        PreTradeVersions.PublishShipped(silo.Rulesets);
        var placed = await portfolio.PlaceOrder(Buy("c1", 10m));
        placed.Duplicate.Should().BeFalse("the refused clientOrderId was not consumed");
        placed.Order.Status.Should().Be(OrderStatus.Filled);
    }
}
