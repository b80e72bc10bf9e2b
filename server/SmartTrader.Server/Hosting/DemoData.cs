using System.Security.Cryptography;
using SmartTrader.Server.Identity;
using SmartTrader.Trading;

namespace SmartTrader.Server.Hosting;

/// <summary>The demo users and account seeded in embedded mode (or on request with --seed).</summary>
internal static class DemoData
{
    public const string AccountId = "demo";
    public const string AccountName = "Demo account";
    public const decimal StartingCash = 100_000m;
    public const string AccountHolder = "trader";

    /// <summary>Demo users are named after their role; a second compliance user lets one approve what the other wrote (four-eyes).</summary>
    public static IReadOnlyList<(string UserName, string Role)> Users =>
    [
        (Roles.Admin, Roles.Admin),
        (Roles.Trader, Roles.Trader),
        (Roles.Compliance, Roles.Compliance),
        (SecondCompliance, Roles.Compliance),
        (Roles.Developer, Roles.Developer),
    ];

    public const string SecondCompliance = "compliance2";

    public static OpenAccountRequest Account => new(AccountName, AccountType.Margin, StartingCash, AccountHolder);

    /// <summary>Fixed in embedded mode, which listens on loopback only; random elsewhere, shown once when created.</summary>
    public static string PasswordFor(string userName, bool embedded) =>
        embedded ? $"{userName}-demo-pass" : RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
}
