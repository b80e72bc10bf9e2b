using System.Text.RegularExpressions;

namespace SmartTrader.Rules.Runtime;

/// <summary>
/// Helper functions rule expressions may call by their bare names. Everything here is pure and bounded.
/// </summary>
public static class RuleFunctions
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    /// <summary>True when <paramref name="value"/> is one of the comma-separated <paramref name="list"/> entries.</summary>
    public static bool CheckContains(string? value, string? list) =>
        value is not null && list is not null
        && list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Regular-expression match without backtracking, so a hostile pattern cannot run away.</summary>
    public static bool Matches(string? value, string pattern) =>
        value is not null && Regex.IsMatch(value, pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, RegexTimeout);

    /// <summary><paramref name="part"/> as a percentage of <paramref name="whole"/>; 0 when the whole is 0.</summary>
    public static decimal Percent(decimal part, decimal whole) => whole == 0 ? 0 : part / whole * 100m;

    public static decimal Abs(decimal value) => Math.Abs(value);

    public static decimal Min(decimal a, decimal b) => Math.Min(a, b);

    public static decimal Max(decimal a, decimal b) => Math.Max(a, b);
}
