using Microsoft.Extensions.Options;
using SmartTrader.Trading.Broker;
using SmartTrader.Trading.Domain;
using SmartTrader.Trading.Hosting;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Trading.Tests.PreTrade;

public class PreTradeFactsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    private static OrderView Order(OrderSide side, decimal quantity, decimal? limit = null, string symbol = "AAPL") =>
        OrderLifecycle.Create($"a.{Guid.NewGuid():N}", "a", new PlaceOrderRequest(
            "c", symbol, side, limit is null ? OrderType.Market : OrderType.Limit, quantity, limit, TimeInForce.Gtc), T0);

    [Fact]
    public void A_market_order_is_estimated_at_the_brokers_price_and_a_limit_order_at_its_limit()
    {
        var market = PreTradeFacts.Order(Order(OrderSide.Buy, 3m), new Execution(3m, 100.03m), requiredBuyingPower: 300.09m);
        market.Should().Be(new OrderFacts("AAPL", "Buy", "Market", "Gtc", 3m, 0m, 100.03m, 300.09m, 300.09m, IncreasesExposure: true));
        market.IsBuy.Should().BeTrue();
        market.IsLimit.Should().BeFalse();
        market.SignedQuantity.Should().Be(3m);

        var limit = PreTradeFacts.Order(Order(OrderSide.Sell, 3m, limit: 99.995m), execution: null, requiredBuyingPower: 0m);
        limit.EstimatedPrice.Should().Be(99.995m);
        limit.EstimatedNotional.Should().Be(299.99m);
        limit.IsLimit.Should().BeTrue();
        limit.ReducesExposure.Should().BeTrue();
        limit.SignedQuantity.Should().Be(-3m);
    }

    [Theory]
    [InlineData(OrderSide.Buy, true)]
    [InlineData(OrderSide.SellShort, true)]
    [InlineData(OrderSide.Sell, false)]
    [InlineData(OrderSide.BuyToCover, false)]
    public void Only_buys_and_short_sales_increase_exposure(OrderSide side, bool increases) =>
        PreTradeFacts.Order(Order(side, 1m), new Execution(1m, 10m), 0m).IncreasesExposure.Should().Be(increases);

    [Fact]
    public void The_position_counts_open_orders_that_add_exposure_in_the_same_symbol_as_pending()
    {
        var ledger = new AccountLedger { Type = AccountType.Margin, Cash = 10_000m };
        ledger.ApplyFill("AAPL", OrderSide.Buy, 10m, 100m, 0m, T0);
        var open = new[]
        {
            OrderLifecycle.Accept(Order(OrderSide.Buy, 5m, 90m), T0),
            OrderLifecycle.Accept(Order(OrderSide.Sell, 4m, 120m), T0),
            OrderLifecycle.Accept(Order(OrderSide.Buy, 7m, 90m, symbol: "MSFT"), T0),
        };

        var quote = new Quote("AAPL", 104.99m, 105.01m, 105m, T0);
        PreTradeFacts.Position(ledger, "AAPL", quote, open).Should().Be(new PositionFacts("AAPL", 10m, 100m, 1_050m, 5m));
        PreTradeFacts.Position(ledger, "AAPL", null, open).MarketValue.Should().Be(1_000m, "without a quote the position is marked at its last trade");
        PreTradeFacts.Position(ledger, "XOM", quote, open).Should().Be(new PositionFacts("XOM", 0m, 0m, 0m, 0m));
    }

    [Fact]
    public void The_account_reports_todays_pnl_against_the_equity_it_started_the_day_with()
    {
        var ledger = new AccountLedger { Type = AccountType.Cash, Cash = 10_000m };
        ledger.ApplyFill("AAPL", OrderSide.Buy, 10m, 100m, 0m, T0);
        ledger.Reserve("open", 500m);
        var valuation = ledger.Value(_ => 90m);

        PreTradeFacts.Account(ledger, valuation, new TradingDay(T0.AddHours(6), 10_000m), ordersLastSecond: 2)
            .Should().Be(new AccountFacts("Cash", 9_000m, 9_900m, 8_500m, 900m, 10_000m, -100m, 2));
    }

    [Fact]
    public void A_quote_that_has_not_arrived_is_marked_unavailable() =>
        QuoteFacts.Of(null).Should().Be(new QuoteFacts(false, 0m, 0m, 0m, DateTimeOffset.MinValue));

    [Fact]
    public void The_rate_window_counts_what_was_accepted_in_the_last_second()
    {
        var window = OrderRateWindow.OneSecond();
        window.Accepted(T0);
        window.Accepted(T0.AddMilliseconds(400));

        window.CountAt(T0.AddMilliseconds(999)).Should().Be(2);
        window.CountAt(T0.AddSeconds(1)).Should().Be(1);
        window.CountAt(T0.AddSeconds(2)).Should().Be(0);
    }

    [Fact]
    public void A_trading_day_lasts_until_the_session_close()
    {
        var close = new TimeSpan(21, 0, 0);
        var day = TradingDay.At(null, T0, close, equity: 1_000m);
        day.Should().Be(new TradingDay(new DateTimeOffset(2026, 1, 5, 21, 0, 0, TimeSpan.Zero), 1_000m));

        TradingDay.At(day, T0.AddHours(6), close, equity: 900m).Should().BeSameAs(day);
        TradingDay.At(day, T0.AddHours(7), close, equity: 900m).Should().Be(new TradingDay(new DateTimeOffset(2026, 1, 6, 21, 0, 0, TimeSpan.Zero), 900m));
        TradingDay.At(null, T0, sessionCloseUtc: null, equity: 1m).ClosesAt.Should().Be(new DateTimeOffset(2026, 1, 6, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Account_overrides_replace_the_limits_they_name_and_add_restricted_symbols()
    {
        var options = new TradingOptions
        {
            RiskLimits = new RiskLimitSettings { MaxOrderQuantity = 100m, MaxDailyLoss = 1_000m, RestrictedSymbols = ["BAC"] },
            AccountRiskLimits = { ["vip"] = new RiskLimitOverrides { MaxOrderQuantity = 10_000m, RestrictedSymbols = ["xom"] } },
        };
        var provider = new RiskLimitsProvider(Options.Create(options));

        var standard = provider.For("anyone");
        standard.MaxOrderQuantity.Should().Be(100m);
        standard.RestrictedSymbols.Should().BeEquivalentTo(["BAC"]);
        provider.For("someone-else").Should().BeSameAs(standard, "limits are built once and shared");

        var vip = provider.For("vip");
        vip.MaxOrderQuantity.Should().Be(10_000m);
        vip.MaxDailyLoss.Should().Be(1_000m);
        vip.RestrictedSymbols.Contains("XOM").Should().BeTrue();
        vip.RestrictedSymbols.Contains("bac").Should().BeTrue();
    }
}
