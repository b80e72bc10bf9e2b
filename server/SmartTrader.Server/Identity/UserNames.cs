using System.Text.RegularExpressions;

namespace SmartTrader.Server.Identity;

public static partial class UserNames
{
    public const string Rule = "2 to 32 characters: lower-case letters, digits, '.', '_' or '-'";

    public static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    public static bool IsValid(string userName) => Pattern().IsMatch(userName);

    [GeneratedRegex("^[a-z0-9._-]{2,32}$")]
    private static partial Regex Pattern();
}
