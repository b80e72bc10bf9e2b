using System.Security.Claims;
using SmartTrader.Runtime;

namespace SmartTrader.Server.Identity;

/// <summary>Who may see and who may trade an account: roles from the claims, grants from the user grain.</summary>
public static class AccountAccess
{
    public static bool SeesAllAccounts(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Compliance);

    public static async Task<AccountRights> RightsOnAsync(this ClaimsPrincipal user, string account, IGrainFactory grains)
    {
        var granted = await grains.GetGrain<IUserGrain>(user.UserName()).HasGrant(account);
        return new AccountRights(CanView: granted || user.SeesAllAccounts(), CanTrade: granted && user.IsInRole(Roles.Trader));
    }
}

public readonly record struct AccountRights(bool CanView, bool CanTrade);
