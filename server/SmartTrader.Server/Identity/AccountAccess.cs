using System.Security.Claims;

namespace SmartTrader.Server.Identity;

/// <summary>Who may see and who may trade an account.</summary>
public static class AccountAccess
{
    public static bool SeesAllAccounts(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Compliance);

    public static bool IsGranted(this ClaimsPrincipal user, string account) => user.HasClaim(UserClaims.Account, account);

    public static bool CanView(this ClaimsPrincipal user, string account) => user.SeesAllAccounts() || user.IsGranted(account);

    public static bool CanTrade(this ClaimsPrincipal user, string account) => user.IsInRole(Roles.Trader) && user.IsGranted(account);
}
