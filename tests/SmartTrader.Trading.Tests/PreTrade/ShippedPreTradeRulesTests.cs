using SmartTrader.Trading.Hosting;
using SmartTrader.Trading.Tests.Grains;

namespace SmartTrader.Trading.Tests.PreTrade;

/// <summary>Each shipped pre-trade rule rejects (or warns about) an order that breaks it and lets a compliant one through.</summary>
public class ShippedPreTradeRulesTests
{
    private static PlaceOrderRequest Market(string clientOrderId, decimal quantity, OrderSide side = OrderSide.Buy, string symbol = "AAPL") =>
        new(clientOrderId, symbol, side, OrderType.Market, quantity);

    private static PlaceOrderRequest Limit(string clientOrderId, OrderSide side, decimal quantity, decimal limitPrice) =>
        new(clientOrderId, "AAPL", side, OrderType.Limit, quantity, limitPrice, TimeInForce.Gtc);

    private static async Task<TradingSilo> StartAsync(Action<RiskLimitSettings>? limits = null)
    {
        var silo = await TradingSilo.StartAsync(o => limits?.Invoke(o.RiskLimits));
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m); // last 100.00
        return silo;
    }

    /// <summary>Places the order and checks that exactly <paramref name="rule"/> blocked it; returns the message it rendered.</summary>
    private static async Task<RuleFinding> RejectedBy(IPortfolioGrain portfolio, PlaceOrderRequest request, string rule)
    {
        var order = (await portfolio.PlaceOrder(request)).Order;
        order.Status.Should().Be(OrderStatus.Rejected, order.RejectReason);
        var failure = order.Failures.Should().ContainSingle().Which;
        failure.Rule.Should().Be(rule);
        failure.Reference.Should().NotBeNullOrWhiteSpace();
        order.RejectReason.Should().Be($"[{rule}] {failure.Message}");
        return failure;
    }

    private static async Task<OrderView> Passes(IPortfolioGrain portfolio, PlaceOrderRequest request, OrderStatus expected = OrderStatus.Filled)
    {
        var order = (await portfolio.PlaceOrder(request)).Order;
        order.Status.Should().Be(expected, order.RejectReason);
        order.Failures.Should().BeEmpty();
        return order;
    }

    [Fact]
    public async Task MaxOrderQuantity()
    {
        await using var silo = await StartAsync(l => l.MaxOrderQuantity = 50m);
        var portfolio = await silo.OpenAsync("acc1");

        (await RejectedBy(portfolio, Market("big", 51m), "MaxOrderQuantity")).Message
            .Should().Be("The order is for 51 shares of AAPL; one order may be for at most 50.");
        await Passes(portfolio, Market("ok", 50m));
    }

    [Fact]
    public async Task MaxOrderNotional()
    {
        await using var silo = await StartAsync(l => l.MaxOrderNotional = 10_000m);
        var portfolio = await silo.OpenAsync("acc1");

        (await RejectedBy(portfolio, Market("big", 101m), "MaxOrderNotional")).Message
            .Should().Be("The order is worth about 10102.02 (101 at 100.02); one order may be worth at most 10000.");
        await Passes(portfolio, Market("ok", 99m));
    }

    [Fact]
    public async Task PriceCollar_stops_limit_prices_far_through_the_last_price_on_either_side()
    {
        await using var silo = await StartAsync();
        var portfolio = await silo.OpenAsync("acc1");

        (await RejectedBy(portfolio, Limit("buy-high", OrderSide.Buy, 10m, 110.01m), "PriceCollar")).Message
            .Should().Be("The Buy limit price 110.01 is more than 10% through the last price 100.00; check it for a typing error.");
        await Passes(portfolio, Limit("buy-edge", OrderSide.Buy, 10m, 110.00m));
        await Passes(portfolio, Limit("buy-low", OrderSide.Buy, 10m, 50.00m), OrderStatus.Accepted);

        (await RejectedBy(portfolio, Limit("sell-low", OrderSide.Sell, 10m, 89.99m), "PriceCollar")).Message
            .Should().Be("The Sell limit price 89.99 is more than 10% through the last price 100.00; check it for a typing error.");
        await Passes(portfolio, Limit("sell-edge", OrderSide.Sell, 10m, 90.00m));
    }

    [Fact]
    public async Task MaxPositionPerSymbol_counts_open_orders_and_lets_reductions_through()
    {
        await using var silo = await StartAsync(l => l.MaxPositionQuantity = 100m);
        var portfolio = await silo.OpenAsync("acc1");
        await Passes(portfolio, Market("held", 60m));
        await Passes(portfolio, Limit("pending", OrderSide.Buy, 30m, 99.00m), OrderStatus.Accepted);

        (await RejectedBy(portfolio, Market("over", 11m), "MaxPositionPerSymbol")).Message
            .Should().Be("The order would take the AAPL position past 100 shares: 60 held, 30 on open orders, 11 on this order.");
        await Passes(portfolio, Market("up-to", 10m));
        await Passes(portfolio, Market("reduce", 70m, OrderSide.Sell));
    }

    [Fact]
    public async Task MaxGrossExposure()
    {
        await using var silo = await StartAsync(l => l.MaxGrossExposure = 5_000m);
        var portfolio = await silo.OpenAsync("acc1");
        await Passes(portfolio, Market("first", 40m));

        (await RejectedBy(portfolio, Market("over", 10m), "MaxGrossExposure")).Message
            .Should().Be("The order would add about 1000.20 to a gross exposure of 4000.80, past the account's limit of 5000.");
        await Passes(portfolio, Market("under", 9m));
    }

    [Fact]
    public async Task MaxConcentration_warns_and_the_order_is_accepted_carrying_the_warning()
    {
        await using var silo = await StartAsync();
        var concentrated = await silo.OpenAsync("acc1");
        var diversified = await silo.OpenAsync("acc2");

        var order = await Passes(concentrated, Market("big", 300m));

        var warning = order.Warnings.Should().ContainSingle().Which;
        warning.Rule.Should().Be("MaxConcentration");
        warning.Message.Should().Be("After this order AAPL would be more than 25% of the account's equity of 100000.");
        warning.Reference.Should().NotBeNullOrWhiteSpace();
        order.RejectReason.Should().BeNull();
        (await silo.RecordedOrder(order.OrderId))!.Warnings.Should().Equal(order.Warnings);
        (await Passes(diversified, Market("small", 10m))).Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task RestrictedSymbol_from_the_defaults_and_from_an_account_override()
    {
        await using var silo = await TradingSilo.StartAsync(o =>
        {
            o.RiskLimits.RestrictedSymbols = ["bac"];
            o.AccountRiskLimits["acc2"] = new RiskLimitOverrides { RestrictedSymbols = ["XOM"] };
        });
        await silo.QuoteAsync("BAC", 41.99m, 42.01m);
        await silo.QuoteAsync("XOM", 114.99m, 115.01m);
        var acc1 = await silo.OpenAsync("acc1");
        var acc2 = await silo.OpenAsync("acc2");

        (await RejectedBy(acc1, Market("bac", 10m, symbol: "BAC"), "RestrictedSymbol")).Message
            .Should().Be("BAC is on the restricted list and cannot be traded in this account.");
        await Passes(acc1, Market("xom", 10m, symbol: "XOM"));
        await RejectedBy(acc2, Market("xom", 10m, symbol: "XOM"), "RestrictedSymbol");
        await RejectedBy(acc2, Market("bac", 10m, symbol: "BAC"), "RestrictedSymbol");
    }

    [Fact]
    public async Task MaxOrdersPerSecond_counts_accepted_orders_in_the_last_second()
    {
        await using var silo = await StartAsync(l => l.MaxOrdersPerSecond = 3);
        var portfolio = await silo.OpenAsync("acc1");
        for (var i = 0; i < 3; i++) await Passes(portfolio, Market($"burst-{i}", 1m));

        (await RejectedBy(portfolio, Market("fourth", 1m), "MaxOrdersPerSecond")).Message
            .Should().Be("The account had 3 orders accepted in the last second; the limit is 3 per second.");
        (await RejectedBy(portfolio, Market("fifth", 1m), "MaxOrdersPerSecond")).Message
            .Should().Contain("had 3 orders", "rejected orders do not count");

        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        await Passes(portfolio, Market("next-second", 1m));
    }

    [Fact]
    public async Task MaxDailyLoss_halts_orders_that_add_exposure_until_the_next_session()
    {
        await using var silo = await StartAsync(l => l.MaxDailyLoss = 500m);
        var portfolio = await silo.OpenAsync("acc1", type: AccountType.Margin);
        await Passes(portfolio, Market("open", 100m));
        await silo.QuoteAsync("AAPL", 94.98m, 95.02m); // 100 shares bought at 100.02 are worth 9,500.00: down 502.00

        (await RejectedBy(portfolio, Market("more", 1m), "MaxDailyLoss")).Message
            .Should().Be("The account's P&L today is -502.00, at or past the daily loss limit of 500; until the next session only orders that reduce exposure are accepted.");
        await Passes(portfolio, Market("reduce", 10m, OrderSide.Sell));

        silo.Clock.Advance(TimeSpan.FromDays(1));
        await silo.QuoteAsync("AAPL", 94.98m, 95.02m);
        await Passes(portfolio, Market("tomorrow", 1m));
    }

    [Fact]
    public async Task BuyingPower()
    {
        await using var silo = await StartAsync();
        var portfolio = await silo.OpenAsync("acc1", cash: 500m);

        (await RejectedBy(portfolio, Market("big", 10m), "BuyingPower")).Message
            .Should().Be("Insufficient buying power: the order needs 1000.20, the account has 500.");
        await Passes(portfolio, Market("ok", 4m));
        (await portfolio.GetPortfolio()).Cash.Should().Be(500m - 400.08m);
    }
}
