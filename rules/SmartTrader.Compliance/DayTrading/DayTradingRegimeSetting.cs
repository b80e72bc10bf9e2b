namespace SmartTrader.Compliance.DayTrading;

/// <summary>
/// Which day-trading regime governs a trade date: <see cref="Regime"/> from <see cref="EffectiveFrom"/> on,
/// <see cref="Before"/> until then. A firm using FINRA's transition period sets a later <see cref="EffectiveFrom"/>.
/// </summary>
public sealed record DayTradingRegimeSetting(PdtRegime Regime, DateOnly EffectiveFrom, PdtRegime Before)
{
    /// <summary>The date the amended FINRA Rule 4210 (intraday margin) takes effect.</summary>
    public static readonly DateOnly IntradayMarginEffectiveDate = new(2026, 6, 4);

    /// <summary>Intraday margin from 2026-06-04, the legacy pattern day trader rule before.</summary>
    public static DayTradingRegimeSetting Default { get; } =
        new(PdtRegime.IntradayMargin, IntradayMarginEffectiveDate, PdtRegime.Legacy);

    /// <summary>One regime on every date.</summary>
    public static DayTradingRegimeSetting Always(PdtRegime regime) => new(regime, DateOnly.MinValue, regime);

    public PdtRegime RegimeOn(DateOnly tradeDate) => tradeDate >= EffectiveFrom ? Regime : Before;
}
