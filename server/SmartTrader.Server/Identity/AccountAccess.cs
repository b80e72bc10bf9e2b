using System.Security.Claims;
namespace SmartTrader.Server.Identity;

/// <summary>Who may see and who may trade an account: roles from the claims, grants from the user grain (through this silo's copy).</summary>
public static class AccountAccess
{
    public static bool SeesAllAccounts(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Compliance);

    public static async Task<AccountRights> RightsOnAsync(this ClaimsPrincipal user, string account, UserAccessCache access)
    {
        var granted = await access.HasGrantAsync(user.UserName(), account);
        return new AccountRights(CanView: granted || user.SeesAllAccounts(), CanTrade: granted && user.IsInRole(Roles.Trader), Granted: granted);
    }
}

/// <param name="Granted">The user holds a grant on the account. A grant is only ever given on an account that exists
/// (opening grants it to the owner afterwards; granting asks the portfolio first) and accounts are never closed, so a
/// grant also proves the account exists.</param>
public readonly record struct AccountRights(bool CanView, bool CanTrade, bool Granted);
