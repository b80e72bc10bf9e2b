using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrader.Runtime;
using SmartTrader.Server.Identity;
using SmartTrader.Trading;
using SmartTrader.Trading.ReadModels;

namespace SmartTrader.Server.Api;

internal static class AccountEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static void MapAccountEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/accounts", List).WithTags("Accounts")
            .WithSummary("The caller's granted accounts; for admin and compliance every account, paged by account id.");

        var account = api.MapGroup("/accounts/{accountId}").WithTags("Accounts").RequireAccountView();
        account.MapGet("/", Get).WithName("GetAccount");
        account.MapGet("/portfolio", (string accountId, IGrainFactory grains) => Portfolio(grains, accountId).GetPortfolio())
            .WithSummary("Cash, buying power, positions, tax lots and open orders.");
        account.MapGet("/equity", (string accountId, IGrainFactory grains) => Portfolio(grains, accountId).GetEquityHistory())
            .WithSummary("Equity and cash over time.");
        account.MapGet("/compliance", (string accountId, IGrainFactory grains) => Portfolio(grains, accountId).GetComplianceStatus())
            .WithSummary("Day trades in the five business days ending today, pattern day trader status, maintenance margin, and the owner's loss sales of the last 30 days that a purchase in any of the owner's accounts could wash.");
        account.MapGet("/tax-lots", (string accountId, IGrainFactory grains) => Portfolio(grains, accountId).GetTaxLots())
            .WithSummary("Open tax lots with original and adjusted basis and acquisition dates, and realized sales with gain or loss, disallowed (wash-sale) amounts and their replacement lots, in any account of the owner.");
        account.MapOrderEndpoints();
    }

    private static async Task<Results<Ok<AccountPage>, ValidationProblem>> List(
        int? limit, string? after, ClaimsPrincipal user, IGrainFactory grains, AccountListing listing, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check(limit is null or >= 1 and <= MaxPageSize, "limit", $"limit must be between 1 and {MaxPageSize}.")
            .Check(after is null || Identifiers.IsAccountId(after), "after", $"after must be an account id: {Identifiers.AccountRule}.");
        if (validation.HasErrors) return validation.ToProblem();

        if (user.SeesAllAccounts())
            return TypedResults.Ok(await listing.ListAsync(after, limit ?? DefaultPageSize, cancellationToken));
        var view = await grains.GetGrain<IUserGrain>(user.UserName()).Get();
        var granted = await Task.WhenAll((view?.Accounts ?? []).Select(id => Portfolio(grains, id).GetAccount()));
        return TypedResults.Ok(new AccountPage([.. granted.OfType<AccountInfo>().OrderBy(a => a.Account, StringComparer.Ordinal)], Next: null));
    }

    private static async Task<Ok<AccountInfo>> Get(string accountId, IGrainFactory grains) =>
        TypedResults.Ok((await Portfolio(grains, accountId).GetAccount())!);

    private static IPortfolioGrain Portfolio(IGrainFactory grains, string accountId) => grains.GetGrain<IPortfolioGrain>(accountId);
}
