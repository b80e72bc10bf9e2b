using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Domain;

public class AccountLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    private static AccountLedger Ledger(decimal cash, AccountType type = AccountType.Cash) => new() { Type = type, Cash = cash };

    [Fact]
    public void Buys_at_different_prices_make_lots_and_an_average_cost()
    {
        var ledger = Ledger(100_000m);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 100m, 150.25m, 0m, T0);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 50m, 152.10m, 0m, T0.AddMinutes(1));

        ledger.Cash.Should().Be(100_000m - 15_025m - 7_605m);
        var position = ledger.Positions["AAPL"];
        position.Quantity.Should().Be(150m);
        position.AverageCost.Should().Be(150.8667m); // 22630 / 150
        position.Lots.Select(l => (l.LotId, l.Quantity, l.CostPerShare)).Should().Equal(("AAPL-1", 100m, 150.25m), ("AAPL-2", 50m, 152.10m));
    }

    [Fact]
    public void Sells_close_lots_first_in_first_out_and_realise_the_difference()
    {
        var ledger = Ledger(100_000m);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 100m, 150.25m, 0m, T0);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 50m, 152.10m, 0m, T0);

        var realized = ledger.ApplyFill("AAPL", OrderSide.Sell, 120m, 155.00m, 0m, T0);

        realized.Should().Be(100m * 4.75m + 20m * 2.90m); // 475 + 58 = 533
        ledger.Positions["AAPL"].Lots.Should().ContainSingle().Which.Should().Be(new TaxLot("AAPL-2", "AAPL", 30m, 152.10m, T0));
        ledger.RealizedPnl.Should().Be(533.00m);
        ledger.Cash.Should().Be(100_000m - 22_630m + 18_600m);
    }

    [Fact]
    public void Unrealised_pnl_equity_and_exposure_follow_the_mark()
    {
        var ledger = Ledger(50_000m);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 100m, 150.25m, 0m, T0);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 50m, 152.10m, 0m, T0);

        var valuation = ledger.Value(s => s == "AAPL" ? 151.00m : null);

        valuation.MarketValue.Should().Be(22_650.00m);
        valuation.UnrealizedPnl.Should().Be(100m * 0.75m + 50m * -1.10m); // 75 - 55 = 20
        valuation.Equity.Should().Be(50_000m - 22_630m + 22_650m);
        valuation.GrossExposure.Should().Be(22_650.00m);
    }

    [Fact]
    public void Without_a_mark_a_position_is_valued_at_its_last_trade()
    {
        var ledger = Ledger(10_000m);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 10m, 100m, 0m, T0);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 10m, 102m, 0m, T0);
        ledger.Value(_ => null).MarketValue.Should().Be(2_040m);
    }

    [Fact]
    public void A_short_credits_cash_counts_negative_and_realises_on_cover()
    {
        var ledger = Ledger(10_000m, AccountType.Margin);
        ledger.ApplyFill("TSLA", OrderSide.SellShort, 10m, 200.00m, 0m, T0);

        ledger.Cash.Should().Be(12_000m);
        ledger.Positions["TSLA"].Quantity.Should().Be(-10m);
        var marked = ledger.Value(_ => 190.00m);
        marked.MarketValue.Should().Be(-1_900m);
        marked.GrossExposure.Should().Be(1_900m);
        marked.UnrealizedPnl.Should().Be(100m);
        marked.Equity.Should().Be(10_100m);

        var realized = ledger.ApplyFill("TSLA", OrderSide.BuyToCover, 4m, 195.50m, 0m, T0);
        realized.Should().Be(18.00m);
        ledger.Positions["TSLA"].Quantity.Should().Be(-6m);
        ledger.Cash.Should().Be(12_000m - 782m);
    }

    [Fact]
    public void Commissions_are_paid_from_cash_and_charged_to_realised_pnl()
    {
        var ledger = Ledger(10_000m);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 10m, 100m, 1.00m, T0).Should().Be(-1.00m);
        ledger.ApplyFill("AAPL", OrderSide.Sell, 10m, 101m, 1.00m, T0).Should().Be(9.00m);

        ledger.Cash.Should().Be(10_008.00m);
        ledger.RealizedPnl.Should().Be(8.00m);
        ledger.Positions["AAPL"].Quantity.Should().Be(0m);
    }

    [Fact]
    public void Realised_pnl_is_kept_per_symbol()
    {
        var ledger = Ledger(100_000m);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 10m, 100m, 0m, T0);
        ledger.ApplyFill("AAPL", OrderSide.Sell, 10m, 110m, 0m, T0);
        ledger.ApplyFill("MSFT", OrderSide.Buy, 10m, 300m, 0m, T0);
        ledger.ApplyFill("MSFT", OrderSide.Sell, 5m, 290.01m, 0m, T0);

        ledger.Positions["AAPL"].RealizedPnl.Should().Be(100m);
        ledger.Positions["MSFT"].RealizedPnl.Should().Be(-49.95m);
        ledger.RealizedPnl.Should().Be(50.05m);
    }

    [Fact]
    public void Selling_more_than_held_or_opening_against_a_position_throws()
    {
        var ledger = Ledger(10_000m, AccountType.Margin);
        ledger.ApplyFill("AAPL", OrderSide.Buy, 10m, 100m, 0m, T0);
        FluentActions.Invoking(() => ledger.ApplyFill("AAPL", OrderSide.Sell, 11m, 100m, 0m, T0)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => ledger.ApplyFill("AAPL", OrderSide.SellShort, 1m, 100m, 0m, T0)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => ledger.ApplyFill("AAPL", OrderSide.BuyToCover, 1m, 100m, 0m, T0)).Should().Throw<InvalidOperationException>();
        ledger.Positions["AAPL"].Quantity.Should().Be(10m);
    }

    [Fact]
    public void Cash_buying_power_is_cash_less_reservations()
    {
        var ledger = Ledger(10_000m);
        ledger.Reserve("o1", 2_500.004m);
        ledger.Reserve("o2", 1_000m);
        ledger.ReservedCash.Should().Be(3_500.00m);
        ledger.BuyingPower(ledger.Value(_ => null)).Should().Be(6_500.00m);

        ledger.Release("o1");
        ledger.Reserve("o2", 0m);
        ledger.Reservations.Should().BeEmpty();
    }

    [Fact]
    public void Margin_buying_power_is_twice_equity_less_gross_exposure_and_reservations()
    {
        var ledger = Ledger(100_000m, AccountType.Margin);
        ledger.BuyingPower(ledger.Value(_ => null)).Should().Be(200_000m);

        ledger.ApplyFill("AAPL", OrderSide.Buy, 1_000m, 150m, 0m, T0);   // cash -50,000, long 150,000
        ledger.ApplyFill("XOM", OrderSide.SellShort, 200m, 100m, 0m, T0); // cash -30,000, short 20,000
        ledger.Reserve("o1", 5_000m);

        var valuation = ledger.Value(_ => null);
        valuation.Equity.Should().Be(100_000m);
        ledger.BuyingPower(valuation).Should().Be(200_000m - 170_000m - 5_000m);
    }

    [Fact]
    public void Equity_history_keeps_the_latest_points()
    {
        var history = new List<EquityPoint>();
        for (var i = 0; i < 5; i++) EquityHistory.Append(history, new EquityPoint(T0.AddMinutes(i), i, i), capacity: 3);
        history.Select(p => p.Equity).Should().Equal(2m, 3m, 4m);
    }
}
