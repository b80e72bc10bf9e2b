using SmartTrader.Runtime;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.Tests.Grains;

namespace SmartTrader.Trading.Tests.PreTrade;

/// <summary>The shipped pdt and intraday-margin rulesets judging orders through a portfolio, with facts from its own fills.</summary>
public class ComplianceGateTests
{
    /// <summary>Monday 2026-01-05, 9:30 in New York: the legacy regime governs.</summary>
    private static readonly DateTimeOffset LegacyMonday = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    /// <summary>Monday 2026-06-08, 9:30 in New York: the intraday margin standard governs.</summary>
    private static readonly DateTimeOffset IntradayMonday = new(2026, 6, 8, 13, 30, 0, TimeSpan.Zero);

    private static PlaceOrderRequest Market(string id, OrderSide side, decimal quantity = 10m) => new(id, "AAPL", side, OrderType.Market, quantity);

    private static async Task<TradingSilo> StartAsync(DateTimeOffset now, Action<SmartTrader.Trading.Hosting.TradingOptions>? configure = null, IGrainStorage? storage = null)
    {
        var silo = await TradingSilo.StartAsync(configure, storage, new ManualTimeProvider(now));
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        return silo;
    }

    /// <summary>Moves the clock on and quotes again: a quote from an earlier session is stale.</summary>
    private static async Task MoveTo(TradingSilo silo, DateTimeOffset now)
    {
        silo.Clock.SetUtcNow(now);
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
    }

    /// <summary>Buys and sells back the same shares: one day trade.</summary>
    private static async Task DayTrade(IPortfolioGrain portfolio, string id)
    {
        var buy = (await portfolio.PlaceOrder(Market(id + "-buy", OrderSide.Buy))).Order;
        buy.Status.Should().Be(OrderStatus.Filled, buy.RejectReason);
        var sell = (await portfolio.PlaceOrder(Market(id + "-sell", OrderSide.Sell))).Order;
        sell.Status.Should().Be(OrderStatus.Filled, sell.RejectReason);
    }

    private static async Task<OrderView> FourthDayTrade(IPortfolioGrain portfolio)
    {
        var buy = (await portfolio.PlaceOrder(Market("4-buy", OrderSide.Buy))).Order;
        buy.Status.Should().Be(OrderStatus.Filled, buy.RejectReason);
        return (await portfolio.PlaceOrder(Market("4-sell", OrderSide.Sell))).Order;
    }

    [Fact]
    public async Task Below_25000_the_order_that_would_make_the_fourth_day_trade_in_five_business_days_is_blocked()
    {
        await using var silo = await StartAsync(LegacyMonday);
        var portfolio = await silo.OpenAsync("m1", 20_000m, AccountType.Margin);
        for (var i = 1; i <= 3; i++) await DayTrade(portfolio, $"{i}");

        var fourth = await FourthDayTrade(portfolio);

        fourth.Status.Should().Be(OrderStatus.Rejected);
        var failure = fourth.Failures.Should().ContainSingle().Which;
        failure.Rule.Should().Be("PatternDayTraderMinimumEquity");
        failure.Message.Should().Be("This order would be day trade number 4 in the five business days 2025-12-29 to 2026-01-05; " +
            "a pattern day trader needs 25000 of equity and the account had 20000 at the previous close.");
        fourth.IncludedRulesets.Select(r => r.Ruleset).Should().Contain(["pdt", "intraday-margin"]);
    }

    [Fact]
    public async Task At_exactly_25000_it_is_allowed_and_the_designation_is_a_warning()
    {
        await using var silo = await StartAsync(LegacyMonday);
        var portfolio = await silo.OpenAsync("m1", 25_000m, AccountType.Margin);
        for (var i = 1; i <= 3; i++) await DayTrade(portfolio, $"{i}");

        var fourth = await FourthDayTrade(portfolio);

        fourth.Status.Should().Be(OrderStatus.Filled);
        fourth.Warnings.Select(w => w.Rule).Should().Equal("PatternDayTraderDesignation");
    }

    [Fact]
    public async Task A_cash_account_is_outside_the_rule()
    {
        await using var silo = await StartAsync(LegacyMonday);
        var portfolio = await silo.OpenAsync("c1", 20_000m, AccountType.Cash);
        for (var i = 1; i <= 3; i++) await DayTrade(portfolio, $"{i}");

        var fourth = await FourthDayTrade(portfolio);

        fourth.Status.Should().Be(OrderStatus.Filled);
        fourth.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task Day_trades_leave_the_window_after_five_business_days_weekend_and_holidays_skipped()
    {
        await using var silo = await StartAsync(new DateTimeOffset(2026, 1, 13, 14, 30, 0, TimeSpan.Zero)); // Tuesday
        var portfolio = await silo.OpenAsync("m1", 20_000m, AccountType.Margin);
        for (var i = 1; i <= 3; i++) await DayTrade(portfolio, $"{i}");

        // Tuesday 13th + Wed, Thu, Fri, (weekend, MLK Monday 19th closed), Tuesday 20th: five business days.
        await MoveTo(silo, new DateTimeOffset(2026, 1, 20, 14, 30, 0, TimeSpan.Zero));
        (await FourthDayTrade(portfolio)).Status.Should().Be(OrderStatus.Rejected);

        await MoveTo(silo, new DateTimeOffset(2026, 1, 21, 14, 30, 0, TimeSpan.Zero));
        (await portfolio.PlaceOrder(Market("5-buy", OrderSide.Buy))).Order.Status.Should().Be(OrderStatus.Filled);
        (await portfolio.PlaceOrder(Market("5-sell", OrderSide.Sell))).Order.Status.Should().Be(OrderStatus.Filled);
    }

    [Fact]
    public async Task Shares_carried_overnight_and_sold_before_any_new_buy_are_not_a_day_trade()
    {
        await using var silo = await StartAsync(LegacyMonday);
        var portfolio = await silo.OpenAsync("m1", 20_000m, AccountType.Margin);
        (await portfolio.PlaceOrder(Market("held", OrderSide.Buy, 30m))).Order.Status.Should().Be(OrderStatus.Filled);
        await MoveTo(silo, LegacyMonday.AddDays(1));
        for (var i = 1; i <= 3; i++) await DayTrade(portfolio, $"{i}");

        var sellCarried = (await portfolio.PlaceOrder(Market("carried", OrderSide.Sell, 30m))).Order;

        sellCarried.Status.Should().Be(OrderStatus.Filled);
    }

    [Fact]
    public async Task Shares_carried_overnight_stay_carried_across_a_restart()
    {
        var storage = new MemoryGrainStorage();
        await using (var first = await StartAsync(LegacyMonday, storage: storage))
        {
            var portfolio = await first.OpenAsync("m1", 20_000m, AccountType.Margin);
            (await portfolio.PlaceOrder(Market("held", OrderSide.Buy, 30m))).Order.Status.Should().Be(OrderStatus.Filled);
        }

        await using var second = await StartAsync(LegacyMonday.AddDays(1), storage: storage);
        var reactivated = second.Portfolio("m1");
        for (var i = 1; i <= 3; i++) await DayTrade(reactivated, $"{i}");

        (await reactivated.PlaceOrder(Market("carried", OrderSide.Sell, 30m))).Order.Status.Should().Be(OrderStatus.Filled);
        (await FourthDayTrade(reactivated)).Status.Should().Be(OrderStatus.Rejected);
    }

    [Fact]
    public async Task A_days_orders_do_not_grow_the_stored_portfolio()
    {
        var storage = new MemoryGrainStorage();
        await using var silo = await StartAsync(LegacyMonday, storage: storage);
        var portfolio = await silo.OpenAsync("m1", 100_000m, AccountType.Margin);

        var afterFew = await StoredSizeAfterRoundTrips(silo, portfolio, storage, "a", 5);
        var afterMany = await StoredSizeAfterRoundTrips(silo, portfolio, storage, "b", 40);

        afterMany.Should().BeLessThan(afterFew + 100, "the day's fills live in the order records, not in the portfolio's state");
    }

    /// <summary>Day trades a second apart (each leaves the account flat): the size of the stored portfolio.</summary>
    private static async Task<int> StoredSizeAfterRoundTrips(TradingSilo silo, IPortfolioGrain portfolio, MemoryGrainStorage storage, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await MoveTo(silo, silo.Clock.GetUtcNow().AddSeconds(1));
            await DayTrade(portfolio, $"{prefix}{i}");
        }
        var row = await storage.ReadAsync(new GrainStateKey(SmartTrader.Trading.Grains.PortfolioGrain.TypeName, "m1", SmartTrader.Trading.Grains.PortfolioGrain.StateName));
        return row!.Payload.Length;
    }

    [Fact]
    public async Task The_day_trade_history_survives_a_restart()
    {
        var storage = new MemoryGrainStorage();
        await using (var first = await StartAsync(LegacyMonday, storage: storage))
        {
            var portfolio = await first.OpenAsync("m1", 20_000m, AccountType.Margin);
            for (var i = 1; i <= 3; i++) await DayTrade(portfolio, $"{i}");
        }

        await using var second = await StartAsync(LegacyMonday.AddMinutes(5), storage: storage);

        (await FourthDayTrade(second.Portfolio("m1"))).Failures.Select(f => f.Rule).Should().Equal("PatternDayTraderMinimumEquity");
    }

    [Fact]
    public async Task Under_the_intraday_margin_regime_an_order_creating_a_maintenance_deficit_is_blocked_and_day_trades_are_not()
    {
        await using var silo = await StartAsync(IntradayMonday, o => o.MaintenanceMargin.Symbols["AAPL"] = new SmartTrader.Trading.Hosting.MaintenanceRateSettings { Long = 0.75m });
        var portfolio = await silo.OpenAsync("m1", 10_000m, AccountType.Margin);
        for (var i = 1; i <= 3; i++) await DayTrade(portfolio, $"{i}");
        (await FourthDayTrade(portfolio)).Status.Should().Be(OrderStatus.Filled);

        var tooBig = (await portfolio.PlaceOrder(Market("big", OrderSide.Buy, 150m))).Order;

        tooBig.Status.Should().Be(OrderStatus.Rejected);
        tooBig.Failures.Should().ContainSingle().Which.Rule.Should().Be("IntradayMaintenanceMargin");
        (await portfolio.PlaceOrder(Market("small", OrderSide.Buy, 50m))).Order.Status.Should().Be(OrderStatus.Filled);
    }

    [Fact]
    public async Task The_regime_is_a_setting_of_the_pdt_ruleset_a_firm_may_keep_the_legacy_rule_during_the_transition()
    {
        await using var silo = await StartAsync(IntradayMonday);
        var portfolio = await silo.OpenAsync("m1", 20_000m, AccountType.Margin);
        var pdt = ShippedRulesets.Find("pdt")!.Content.Replace("2026-06-04", "2027-10-20", StringComparison.Ordinal);

        silo.Rulesets.Publish(PreTradeVersions.Named("pdt", pdt, 2));
        for (var i = 1; i <= 3; i++) await DayTrade(portfolio, $"{i}");
        var fourth = await FourthDayTrade(portfolio);

        silo.Rulesets.PreTrade!.Settings.DayTrading.Regime.EffectiveFrom.Should().Be(new DateOnly(2027, 10, 20));
        fourth.Failures.Select(f => f.Rule).Should().Equal("PatternDayTraderMinimumEquity");
    }

    [Fact]
    public async Task A_setting_with_a_value_it_cannot_take_leaves_the_gate_in_force()
    {
        await using var silo = await StartAsync(LegacyMonday);
        var before = silo.Rulesets.PreTrade;
        var pdt = ShippedRulesets.Find("pdt")!.Content.Replace("Traditional", "Sometimes", StringComparison.Ordinal);

        silo.Rulesets.Publish(PreTradeVersions.Named("pdt", pdt, 2));

        silo.Rulesets.PreTrade.Should().BeSameAs(before);
        FluentActions.Invoking(() => ComplianceSettings.Of(SmartTrader.Rules.Model.RulesDocument.Parse(pdt)))
            .Should().Throw<RulesetSettingsException>().WithMessage("*dayTradeCounting*Sometimes*Traditional or DirectionChange*");
    }

    [Fact]
    public async Task Buying_back_within_30_days_of_a_loss_carries_a_wash_sale_warning_and_the_lots_show_the_adjusted_basis()
    {
        await using var silo = await StartAsync(LegacyMonday);
        var portfolio = await silo.OpenAsync("c1", 50_000m, AccountType.Cash);
        (await portfolio.PlaceOrder(Market("buy", OrderSide.Buy, 100m))).Order.Status.Should().Be(OrderStatus.Filled); // at 100.02
        await MoveTo(silo, LegacyMonday.AddDays(1));
        await silo.QuoteAsync("AAPL", 89.98m, 90.02m);
        var loss = (await portfolio.PlaceOrder(Market("sell", OrderSide.Sell, 100m))).Order; // at 89.98: a loss of 1,004
        loss.Warnings.Should().BeEmpty();
        await MoveTo(silo, LegacyMonday.AddDays(15));

        var rebuy = (await portfolio.PlaceOrder(Market("rebuy", OrderSide.Buy, 100m))).Order;

        rebuy.Status.Should().Be(OrderStatus.Filled);
        rebuy.Warnings.Should().ContainSingle().Which.Rule.Should().Be("WashSale");
        var lots = await portfolio.GetTaxLots();
        var sale = lots.Realized.Should().ContainSingle().Which;
        sale.GainOrLoss.Should().Be(-1_004m);
        sale.DisallowedLoss.Should().Be(1_004m);
        var lot = lots.Lots.Should().ContainSingle().Which;
        lot.Basis.Should().Be(10_002m);
        lot.AdjustedBasis.Should().Be(11_006m);
        lot.AdjustedAcquiredOn.Should().Be(lot.AcquiredOn.AddDays(-1));
    }

    [Fact]
    public async Task The_tax_lots_are_rebuilt_from_the_recorded_fills_after_a_restart_fills_at_one_instant_included()
    {
        var storage = new MemoryGrainStorage();
        await using (var first = await StartAsync(LegacyMonday, storage: storage))
        {
            var portfolio = await first.OpenAsync("c1", 50_000m, AccountType.Cash);
            (await portfolio.PlaceOrder(Market("buy", OrderSide.Buy, 100m))).Order.Status.Should().Be(OrderStatus.Filled);
            (await portfolio.PlaceOrder(Market("sell", OrderSide.Sell, 40m))).Order.Status.Should().Be(OrderStatus.Filled);
        }

        await using var second = await StartAsync(LegacyMonday.AddMinutes(5), storage: storage);
        var lots = await second.Portfolio("c1").GetTaxLots();

        lots.Lots.Should().ContainSingle().Which.Quantity.Should().Be(60m);
        lots.Realized.Should().ContainSingle().Which.Quantity.Should().Be(40m);
    }

    [Fact]
    public async Task A_pdt_draft_with_a_setting_it_cannot_take_cannot_be_submitted_and_one_injecting_the_active_rulesets_can()
    {
        await using var silo = await StartAsync(LegacyMonday);
        var pdt = silo.Grains.GetGrain<SmartTrader.Trading.Rulesets.IRulesetGrain>("pdt");
        await pdt.CreateDraft(ShippedRulesets.Find("pdt")!.Content.Replace("2026-06-04", "June 4th", StringComparison.Ordinal), Rulesets.RulesetSamples.Alice);
        var preTrade = silo.Grains.GetGrain<SmartTrader.Trading.Rulesets.IRulesetGrain>(PreTradeRuleset.Name);
        await preTrade.CreateDraft(ShippedRulesets.PreTrade, Rulesets.RulesetSamples.Alice);

        var error = (await FluentActions.Awaiting(() => pdt.Submit(1, Rulesets.RulesetSamples.Alice))
            .Should().ThrowAsync<SmartTrader.Rules.Governance.RulesetGovernanceException>()).Which;

        error.Diagnostics.Should().ContainSingle().Which.Field.Should().Be("GlobalParams[regimeEffectiveFrom]");
        (await preTrade.Submit(1, Rulesets.RulesetSamples.Alice)).Status.Should().Be(SmartTrader.Rules.Governance.RulesetVersionStatus.Submitted);
    }

    [Fact]
    public void The_shipped_settings_are_the_defaults() =>
        ComplianceSettings.Of(ShippedRulesets.PreTradeWorkflows()).Should().Be(ComplianceSettings.Default);
}
