using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Domain;

public class PreTradeChecksTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    private static OrderView Order(OrderSide side, decimal quantity) =>
        OrderLifecycle.Create("a.1", "a", new PlaceOrderRequest("c", "AAPL", side, OrderType.Market, quantity), T0);

    // The pre-trade rules check buying power first (rule BuyingPower); this is the ledger's own floor behind them.
    private static string? Check(AccountLedger ledger, OrderSide side, decimal quantity, decimal price, decimal openClosing = 0m) =>
        PreTradeChecks.PositionConflict(ledger, Order(side, quantity), openClosing)
        ?? PreTradeChecks.InsufficientBuyingPower(ledger, ledger.Value(_ => null), PreTradeChecks.RequiredBuyingPower(side, quantity, price, 0m));

    [Fact]
    public void A_cash_account_buys_up_to_its_cash_less_reservations()
    {
        var ledger = new AccountLedger { Type = AccountType.Cash, Cash = 10_000m };
        ledger.Reserve("other", 1_000m);
        Check(ledger, OrderSide.Buy, 90m, 100m).Should().BeNull();
        Check(ledger, OrderSide.Buy, 91m, 100m).Should().StartWith("Insufficient buying power: the order needs 9100.00, the account has 9000.00");
    }

    [Fact]
    public void A_margin_account_buys_up_to_twice_its_equity()
    {
        var ledger = new AccountLedger { Type = AccountType.Margin, Cash = 10_000m };
        Check(ledger, OrderSide.Buy, 200m, 100m).Should().BeNull();
        Check(ledger, OrderSide.Buy, 201m, 100m).Should().StartWith("Insufficient buying power");
        Check(ledger, OrderSide.SellShort, 201m, 100m).Should().StartWith("Insufficient buying power");
    }

    [Fact]
    public void A_margin_account_under_water_may_still_sell()
    {
        var ledger = new AccountLedger { Type = AccountType.Margin, Cash = 10_000m };
        ledger.ApplyFill("AAPL", OrderSide.Buy, 200m, 100m, 0m, T0);
        var crashed = ledger.Value(_ => 40m);
        ledger.BuyingPower(crashed).Should().BeNegative();

        PreTradeChecks.InsufficientBuyingPower(ledger, crashed, PreTradeChecks.RequiredBuyingPower(OrderSide.Sell, 200m, 40m, 0m)).Should().BeNull();
        PreTradeChecks.InsufficientBuyingPower(ledger, crashed, PreTradeChecks.RequiredBuyingPower(OrderSide.Buy, 1m, 40m, 0m)).Should().NotBeNull();
    }

    [Fact]
    public void Sells_cannot_exceed_the_long_position_counting_open_sell_orders()
    {
        var ledger = new AccountLedger { Type = AccountType.Cash, Cash = 10_000m };
        ledger.ApplyFill("AAPL", OrderSide.Buy, 50m, 100m, 0m, T0);
        Check(ledger, OrderSide.Sell, 50m, 100m).Should().BeNull();
        Check(ledger, OrderSide.Sell, 51m, 100m).Should().Contain("Cannot sell 51 AAPL");
        Check(ledger, OrderSide.Sell, 30m, 100m, openClosing: 30m).Should().Contain("30 already on open sell orders");
    }

    [Fact]
    public void Covers_cannot_exceed_the_short_position()
    {
        var ledger = new AccountLedger { Type = AccountType.Margin, Cash = 10_000m };
        ledger.ApplyFill("AAPL", OrderSide.SellShort, 20m, 100m, 0m, T0);
        Check(ledger, OrderSide.BuyToCover, 20m, 100m).Should().BeNull();
        Check(ledger, OrderSide.BuyToCover, 21m, 100m).Should().Contain("Cannot cover 21 AAPL");
    }

    [Fact]
    public void Buying_while_short_or_shorting_while_long_is_rejected()
    {
        var shortLedger = new AccountLedger { Type = AccountType.Margin, Cash = 10_000m };
        shortLedger.ApplyFill("AAPL", OrderSide.SellShort, 20m, 100m, 0m, T0);
        Check(shortLedger, OrderSide.Buy, 1m, 100m).Should().Contain("BuyToCover");

        var longLedger = new AccountLedger { Type = AccountType.Margin, Cash = 10_000m };
        longLedger.ApplyFill("AAPL", OrderSide.Buy, 20m, 100m, 0m, T0);
        Check(longLedger, OrderSide.SellShort, 1m, 100m).Should().Contain("sell it before selling short");
    }

    [Fact]
    public void Only_exposure_increasing_sides_use_buying_power()
    {
        PreTradeChecks.RequiredBuyingPower(OrderSide.Buy, 10m, 100.005m, 1m).Should().Be(1_001.05m);
        PreTradeChecks.RequiredBuyingPower(OrderSide.SellShort, 10m, 100m, 0m).Should().Be(1_000m);
        PreTradeChecks.RequiredBuyingPower(OrderSide.Sell, 10m, 100m, 1m).Should().Be(0m);
        PreTradeChecks.RequiredBuyingPower(OrderSide.BuyToCover, 10m, 100m, 1m).Should().Be(0m);
    }
}
