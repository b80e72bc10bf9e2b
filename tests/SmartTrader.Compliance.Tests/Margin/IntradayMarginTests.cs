using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Margin;
using SmartTrader.Compliance.Tests.Support;

namespace SmartTrader.Compliance.Tests.Margin;

public sealed class IntradayMarginTests
{
    private static readonly IntradayMarginCalculator Finra = new(MaintenanceMarginOptions.Finra);
    private static readonly ComplianceAccount Margin = new("m-1", "owner", AccountKind.Margin, 0m);
    private const string AfterJune4 = "2026-06-10 10:00";

    private static ProposedOrder Order(TradeSide side, decimal quantity, decimal? price, string symbol = "ABC", string when = AfterJune4) =>
        new(NewYork.At(when), Margin.Id, symbol, side, quantity, price);

    private static MarginAccountState Cash(decimal cash, params MarginPosition[] positions) => new(cash, positions);

    [Fact]
    public void A_purchase_within_equity_leaves_no_deficit()
    {
        var facts = Finra.Build(Margin, Cash(10_000m), Order(TradeSide.Buy, 100, 100m));

        (facts.CurrentEquity, facts.CurrentRequirement, facts.CurrentDeficit).Should().Be((10_000m, 0m, 0m));
        (facts.ProjectedEquity, facts.ProjectedRequirement, facts.ProjectedDeficit).Should().Be((10_000m, 2_500m, 0m));
        facts.CreatesOrIncreasesDeficit.Should().BeFalse();
        facts.BlockedUnderIntradayMarginRegime.Should().BeFalse();
    }

    [Theory]
    [InlineData(1_000, 1_500, true)]
    [InlineData(2_499.99, 0.01, true)]
    [InlineData(2_500, 0, false)] // equity exactly meets the 25% requirement
    public void A_purchase_on_margin_is_blocked_when_equity_falls_below_25_percent(decimal cash, decimal deficit, bool blocked)
    {
        var facts = Finra.Build(Margin, Cash(cash), Order(TradeSide.Buy, 100, 100m));

        facts.ProjectedRequirement.Should().Be(2_500m);
        facts.ProjectedEquity.Should().Be(cash);
        facts.ProjectedDeficit.Should().Be(deficit);
        facts.CreatesOrIncreasesDeficit.Should().Be(blocked);
        facts.BlockedUnderIntradayMarginRegime.Should().Be(blocked);
    }

    [Theory]
    [InlineData(1_000, 500, true)]
    [InlineData(1_500, 0, false)]
    public void A_short_sale_needs_30_percent(decimal cash, decimal deficit, bool blocked)
    {
        var facts = Finra.Build(Margin, Cash(cash), Order(TradeSide.SellShort, 100, 50m));

        facts.ProjectedEquity.Should().Be(cash);
        facts.ProjectedRequirement.Should().Be(1_500m);
        facts.ProjectedDeficit.Should().Be(deficit);
        facts.CreatesOrIncreasesDeficit.Should().Be(blocked);
    }

    [Fact]
    public void An_order_that_reduces_an_existing_deficit_is_allowed_and_one_that_increases_it_is_not()
    {
        var inDeficit = Cash(-9_000m, new MarginPosition("ABC", 100, 100m));

        var reducing = Finra.Build(Margin, inDeficit, Order(TradeSide.Sell, 50, 100m));
        reducing.CurrentDeficit.Should().Be(1_500m);
        reducing.ProjectedDeficit.Should().Be(250m);
        reducing.CreatesOrIncreasesDeficit.Should().BeFalse();

        var increasing = Finra.Build(Margin, inDeficit, Order(TradeSide.Buy, 10, 100m));
        increasing.ProjectedDeficit.Should().Be(1_750m);
        increasing.CreatesOrIncreasesDeficit.Should().BeTrue();
        increasing.BlockedUnderIntradayMarginRegime.Should().BeTrue();
    }

    [Fact]
    public void Rates_can_be_set_per_symbol()
    {
        var calculator = new IntradayMarginCalculator(MaintenanceMarginOptions.Finra with
        {
            BySymbol = new Dictionary<string, MaintenanceRates> { ["MEME"] = new(1.00m, 1.50m) },
        });

        var fits = calculator.Build(Margin, Cash(10_000m), Order(TradeSide.Buy, 100, 60m, "MEME"));
        fits.ProjectedRequirement.Should().Be(6_000m);
        fits.CreatesOrIncreasesDeficit.Should().BeFalse();
        (fits.LongRate, fits.ShortRate).Should().Be((1.00m, 1.50m));

        var tooMuch = calculator.Build(Margin, Cash(10_000m), Order(TradeSide.Buy, 200, 60m, "MEME"));
        tooMuch.ProjectedDeficit.Should().Be(2_000m);
        tooMuch.CreatesOrIncreasesDeficit.Should().BeTrue();

        var other = calculator.Build(Margin, Cash(10_000m), Order(TradeSide.Buy, 100, 60m, "ABC"));
        (other.LongRate, other.ShortRate).Should().Be((0.25m, 0.30m));
    }

    [Fact]
    public void The_position_after_the_order_is_valued_at_the_mark()
    {
        var facts = Finra.Build(Margin, Cash(0m, new MarginPosition("ABC", 100, 100m)), Order(TradeSide.Buy, 100, 101m));

        facts.CurrentEquity.Should().Be(10_000m);
        facts.ProjectedEquity.Should().Be(9_900m, "paying 101 for shares marked at 100 costs 100 of equity");
        facts.ProjectedRequirement.Should().Be(5_000m);
    }

    [Fact]
    public void A_sale_past_zero_turns_the_position_short_at_the_short_rate()
    {
        var facts = Finra.Build(Margin, Cash(0m, new MarginPosition("ABC", 100, 50m)), Order(TradeSide.Sell, 200, 50m));

        facts.CurrentRequirement.Should().Be(1_250m);
        facts.ProjectedEquity.Should().Be(5_000m);
        facts.ProjectedRequirement.Should().Be(1_500m);
    }

    [Fact]
    public void Other_positions_count_toward_equity_and_requirement()
    {
        var state = Cash(-5_000m, new MarginPosition("XYZ", 100, 40m), new MarginPosition("QQQ", -10, 100m));

        var facts = Finra.Build(Margin, state, Order(TradeSide.Buy, 10, 100m));

        facts.CurrentEquity.Should().Be(-5_000m + 4_000m - 1_000m);
        facts.CurrentRequirement.Should().Be(1_000m + 300m);
        facts.CurrentDeficit.Should().Be(3_300m);
        facts.ProjectedEquity.Should().Be(-2_000m);
        facts.ProjectedRequirement.Should().Be(1_550m);
        facts.ProjectedDeficit.Should().Be(3_550m);
        facts.CreatesOrIncreasesDeficit.Should().BeTrue();
    }

    [Fact]
    public void Option_contracts_are_valued_with_their_multiplier()
    {
        var calculator = new IntradayMarginCalculator(MaintenanceMarginOptions.Finra with
        {
            BySymbol = new Dictionary<string, MaintenanceRates> { ["ABC260618C00050000"] = new(1.00m, 1.00m) },
        });
        var order = Order(TradeSide.Buy, 2, 3.00m, "ABC260618C00050000") with
        {
            Instrument = new Instrument(InstrumentKind.Option, "ABC", OptionRight.Call, 50m, new DateOnly(2026, 6, 18)),
        };

        var facts = calculator.Build(Margin, Cash(1_000m), order);

        facts.ProjectedEquity.Should().Be(1_000m);
        facts.ProjectedRequirement.Should().Be(600m);
        facts.CreatesOrIncreasesDeficit.Should().BeFalse();
    }

    [Fact]
    public void Without_a_limit_price_the_estimate_or_else_the_mark_is_used()
    {
        var state = Cash(0m, new MarginPosition("ABC", 10, 20m));

        Finra.Build(Margin, state, Order(TradeSide.Buy, 1, null), estimatedPrice: 21m).Price.Should().Be(21m);
        Finra.Build(Margin, state, Order(TradeSide.Buy, 1, null)).Price.Should().Be(20m);
        var unknown = () => Finra.Build(Margin, state, Order(TradeSide.Buy, 1, null, "NEW"));
        unknown.Should().Throw<ArgumentException>().WithMessage("*No price for NEW*");
    }

    [Fact]
    public void The_block_applies_only_from_the_date_the_intraday_regime_governs()
    {
        var before = Finra.Build(Margin, Cash(1_000m), Order(TradeSide.Buy, 100, 100m, when: "2026-06-03 10:00"));
        before.Regime.Should().Be("Legacy");
        before.CreatesOrIncreasesDeficit.Should().BeTrue();
        before.BlockedUnderIntradayMarginRegime.Should().BeFalse();

        var on = Finra.Build(Margin, Cash(1_000m), Order(TradeSide.Buy, 100, 100m, when: "2026-06-04 10:00"));
        on.Regime.Should().Be("IntradayMargin");
        on.TradeDate.Should().Be("2026-06-04");
        on.BlockedUnderIntradayMarginRegime.Should().BeTrue();

        var alwaysLegacy = new IntradayMarginCalculator(MaintenanceMarginOptions.Finra, DayTradingRegimeSetting.Always(PdtRegime.Legacy));
        alwaysLegacy.Build(Margin, Cash(1_000m), Order(TradeSide.Buy, 100, 100m)).BlockedUnderIntradayMarginRegime.Should().BeFalse();
    }

    [Fact]
    public void A_cash_account_has_no_margin_requirement()
    {
        var cash = Margin with { Type = AccountKind.Cash };

        var facts = Finra.Build(cash, Cash(1_000m), Order(TradeSide.Buy, 100, 100m));

        facts.Applicable.Should().BeFalse();
        facts.ProjectedEquity.Should().Be(1_000m);
        facts.ProjectedRequirement.Should().Be(0m);
        facts.ProjectedDeficit.Should().Be(0m);
        facts.CreatesOrIncreasesDeficit.Should().BeFalse();
        facts.BlockedUnderIntradayMarginRegime.Should().BeFalse();
    }

    [Fact]
    public void A_symbol_held_twice_is_refused()
    {
        var state = Cash(0m, new MarginPosition("ABC", 1, 1m), new MarginPosition("ABC", 2, 1m));
        var act = () => Finra.Build(Margin, state, Order(TradeSide.Buy, 1, 1m));
        act.Should().Throw<ArgumentException>().WithMessage("*ABC twice*");
    }
}
