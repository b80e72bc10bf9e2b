using System.Collections.Immutable;

namespace SmartTrader.Server.Identity;

public static class Roles
{
    public const string Trader = "trader";
    public const string Compliance = "compliance";
    public const string Developer = "developer";
    public const string Admin = "admin";

    public static readonly ImmutableArray<string> All = [Trader, Compliance, Developer, Admin];
}
