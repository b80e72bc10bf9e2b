using System.Text.RegularExpressions;

namespace SmartTrader.Rules.Governance;

/// <summary>Ruleset names key grains and storage rows, so they are short and free of separators.</summary>
public static partial class RulesetNames
{
    public const string Rule = "1 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public static void Require(string name)
    {
        if (!IsValid(name))
            throw new RulesetGovernanceException(GovernanceErrorKind.InvalidRequest, $"'{name}' is not a ruleset name: use {Rule}.");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
