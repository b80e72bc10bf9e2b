using System.Security.Claims;
using SmartTrader.Runtime;
using SmartTrader.Server.Identity;
using SmartTrader.Trading;

namespace SmartTrader.Server.Api;

/// <summary>
/// Guards everything under /api/accounts/{accountId}: a well-formed id (400), the right to view it, or to trade it
/// for endpoints marked <see cref="RequireTrading"/> (403), and an account that exists (404; a grant proves it, see
/// <see cref="AccountRights.Granted"/>, so only callers who see the account without a grant ask its portfolio).
/// </summary>
internal static class AccountAccessFilter
{
    public static RouteGroupBuilder RequireAccountView(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var accountId = AccountIdOf(context.HttpContext);
            if (!Identifiers.IsAccountId(accountId))
                return Validation.Single("accountId", $"The account id must be {Identifiers.AccountRule}.");
            var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
            var rights = await context.HttpContext.User.RightsOnAsync(accountId!, context.HttpContext.RequestServices.GetRequiredService<UserAccessCache>());
            if (!rights.CanView)
                return Problems.Forbidden($"You have no access to account '{accountId}'.");
            if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<TradingEndpoint>() is not null && !rights.CanTrade)
                return Problems.Forbidden($"Placing or cancelling orders on account '{accountId}' requires the trader role and a grant on the account.");

            if (!rights.Granted && await grains.GetGrain<IPortfolioGrain>(accountId!).GetAccount() is null)
                return Problems.NotFound($"Account '{accountId}' does not exist.");
            return await next(context);
        });

    /// <summary>Marks an endpoint that changes the account's orders.</summary>
    public static RouteHandlerBuilder RequireTrading(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(new TradingEndpoint());

    private static string? AccountIdOf(HttpContext context) => context.Request.RouteValues["accountId"] as string;

    private sealed class TradingEndpoint;
}
