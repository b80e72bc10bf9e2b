using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using SmartTrader.Trading.Hosting;

namespace SmartTrader.Trading.PreTrade;

/// <summary>Each account's <see cref="RiskLimits"/>, built once from the options and shared by every order.</summary>
public sealed class RiskLimitsProvider
{
    private readonly RiskLimits _default;
    private readonly FrozenDictionary<string, RiskLimits> _byAccount;

    public RiskLimitsProvider(IOptions<TradingOptions> options)
    {
        var settings = options.Value;
        _default = Build(settings.RiskLimits, overrides: null);
        _byAccount = settings.AccountRiskLimits.ToFrozenDictionary(
            pair => pair.Key, pair => Build(settings.RiskLimits, pair.Value), StringComparer.Ordinal);
    }

    public RiskLimits For(string account) => _byAccount.GetValueOrDefault(account) ?? _default;

    private static RiskLimits Build(RiskLimitSettings defaults, RiskLimitOverrides? overrides) => new(
        overrides?.MaxOrderQuantity ?? defaults.MaxOrderQuantity,
        overrides?.MaxOrderNotional ?? defaults.MaxOrderNotional,
        overrides?.PriceCollarPercent ?? defaults.PriceCollarPercent,
        overrides?.MaxPositionQuantity ?? defaults.MaxPositionQuantity,
        overrides?.MaxGrossExposure ?? defaults.MaxGrossExposure,
        overrides?.MaxConcentrationPercent ?? defaults.MaxConcentrationPercent,
        SymbolSetJsonConverter.Of(defaults.RestrictedSymbols.Concat(overrides?.RestrictedSymbols ?? [])),
        overrides?.MaxOrdersPerSecond ?? defaults.MaxOrdersPerSecond,
        overrides?.MaxDailyLoss ?? defaults.MaxDailyLoss);
}
