using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrader.Runtime;
using SmartTrader.Server.Identity;
using SmartTrader.Trading;

namespace SmartTrader.Server.Api;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/accounts", List).WithTags("Accounts").WithSummary("The caller's granted accounts; every account for admin and compliance.");

        var account = api.MapGroup("/accounts/{accountId}").WithTags("Accounts").RequireAccountView();
        account.MapGet("/", Get).WithName("GetAccount");
        account.MapGet("/portfolio", (string accountId, IGrainFactory grains) => Portfolio(grains, accountId).GetPortfolio())
            .WithSummary("Cash, buying power, positions, tax lots and open orders.");
        account.MapGet("/equity", (string accountId, IGrainFactory grains) => Portfolio(grains, accountId).GetEquityHistory())
            .WithSummary("Equity and cash over time.");
        account.MapOrderEndpoints();
    }

    private static async Task<Ok<ImmutableArray<AccountInfo>>> List(ClaimsPrincipal user, IGrainFactory grains)
    {
        if (user.SeesAllAccounts())
            return TypedResults.Ok(await grains.GetGrain<IAccountDirectoryGrain>("all").List());
        var accounts = await Task.WhenAll(user.GrantedAccounts().Select(id => Portfolio(grains, id).GetAccount()));
        return TypedResults.Ok(accounts.OfType<AccountInfo>().ToImmutableArray());
    }

    private static async Task<Ok<AccountInfo>> Get(string accountId, IGrainFactory grains) =>
        TypedResults.Ok((await Portfolio(grains, accountId).GetAccount())!);

    private static IPortfolioGrain Portfolio(IGrainFactory grains, string accountId) => grains.GetGrain<IPortfolioGrain>(accountId);
}
