using System.Globalization;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Rules.Model;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// The settings of the pre-trade rules that decide how compliance facts are computed, read from string-literal global
/// params of the composed rules (shipped in rules/rulesets/pdt.json), so they are versioned and approved with them:
/// <c>regime</c> from <c>regimeEffectiveFrom</c> on, <c>regimeBefore</c> until then, and <c>dayTradeCounting</c>.
/// A param left out takes its default (intraday margin from 2026-06-04, legacy before; traditional counting).
/// </summary>
public sealed record ComplianceSettings(DayTradingSettings DayTrading)
{
    public const string Regime = "regime";
    public const string RegimeEffectiveFrom = "regimeEffectiveFrom";
    public const string RegimeBefore = "regimeBefore";
    public const string Counting = "dayTradeCounting";

    public static ComplianceSettings Default { get; } = new(DayTradingSettings.Default);

    /// <exception cref="RulesetSettingsException">A setting is present with a value it cannot take.</exception>
    public static ComplianceSettings Of(IEnumerable<Workflow> workflows)
    {
        var literals = LiteralParams.Read(workflows);
        var defaults = DayTradingRegimeSetting.Default;
        var regime = new DayTradingRegimeSetting(
            Enum(literals, Regime, defaults.Regime),
            Date(literals, RegimeEffectiveFrom, defaults.EffectiveFrom),
            Enum(literals, RegimeBefore, defaults.Before));
        return new ComplianceSettings(new DayTradingSettings(regime, Enum(literals, Counting, DayTradingSettings.Default.Counting)));
    }

    private static T Enum<T>(IReadOnlyDictionary<string, string> literals, string name, T fallback) where T : struct, Enum =>
        !literals.TryGetValue(name, out var text) ? fallback
        : System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0]) ? value
        : throw new RulesetSettingsException(name, text, string.Join(" or ", System.Enum.GetNames<T>()));

    private static DateOnly Date(IReadOnlyDictionary<string, string> literals, string name, DateOnly fallback) =>
        !literals.TryGetValue(name, out var text) ? fallback
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value
        : throw new RulesetSettingsException(name, text, "a date written yyyy-MM-dd");
}

/// <summary>A ruleset setting (a string-literal global param) with a value it cannot take.</summary>
public sealed class RulesetSettingsException(string name, string value, string expected)
    : Exception($"Global param '{name}' is the setting {name}: '{value}' is not {expected}.")
{
    public string Name { get; } = name;
}
