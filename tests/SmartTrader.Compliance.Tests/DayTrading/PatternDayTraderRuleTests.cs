using SmartTrader.Compliance.DayTrading;

namespace SmartTrader.Compliance.Tests.DayTrading;

public sealed class PatternDayTraderRuleTests
{
    [Theory]
    [InlineData(4, 8, true)]
    [InlineData(3, 6, false)] // fewer than four day trades, whatever their share
    [InlineData(4, 66, true)] // 6.06%
    [InlineData(4, 67, false)] // 5.97%
    [InlineData(6, 99, true)] // 6.06%
    [InlineData(6, 100, false)] // exactly 6% is not more than 6%
    [InlineData(0, 0, false)]
    public void A_pattern_day_trader_has_four_or_more_day_trades_that_are_more_than_six_percent_of_trades(
        int dayTrades, int trades, bool pattern) =>
        PatternDayTraderRule.IsPatternDayTrader(dayTrades, trades).Should().Be(pattern);

    [Theory]
    [InlineData("2026-06-03", PdtRegime.Legacy)]
    [InlineData("2026-06-04", PdtRegime.IntradayMargin)]
    [InlineData("2030-01-02", PdtRegime.IntradayMargin)]
    [InlineData("2021-03-24", PdtRegime.Legacy)]
    public void By_default_intraday_margin_governs_from_june_4_2026(string date, PdtRegime regime) =>
        DayTradingRegimeSetting.Default.RegimeOn(DateOnly.ParseExact(date, "yyyy-MM-dd")).Should().Be(regime);

    [Fact]
    public void A_firm_may_keep_the_legacy_regime_through_a_transition_or_pin_one_regime()
    {
        var transition = DayTradingRegimeSetting.Default with { EffectiveFrom = new DateOnly(2027, 10, 20) };
        transition.RegimeOn(new DateOnly(2027, 10, 19)).Should().Be(PdtRegime.Legacy);
        transition.RegimeOn(new DateOnly(2027, 10, 20)).Should().Be(PdtRegime.IntradayMargin);

        DayTradingRegimeSetting.Always(PdtRegime.Legacy).RegimeOn(new DateOnly(2040, 1, 3)).Should().Be(PdtRegime.Legacy);
        DayTradingRegimeSetting.Always(PdtRegime.IntradayMargin).RegimeOn(new DateOnly(2001, 1, 3)).Should().Be(PdtRegime.IntradayMargin);
    }

    [Fact]
    public void Regime_and_counting_settings_read_and_write_as_names_in_json()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(DayTradingSettings.Default);
        json.Should().Contain("\"IntradayMargin\"").And.Contain("\"Legacy\"").And.Contain("\"Traditional\"").And.Contain("2026-06-04");
        System.Text.Json.JsonSerializer.Deserialize<DayTradingSettings>(json).Should().Be(DayTradingSettings.Default);
    }
}
