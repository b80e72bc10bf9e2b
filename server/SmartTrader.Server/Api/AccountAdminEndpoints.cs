using SmartTrader.Server.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrader.Runtime;
using SmartTrader.Server.Identity;
using SmartTrader.Trading;

namespace SmartTrader.Server.Api;

public sealed record CreateAccountRequest(string? Id, string? Name, AccountType? Type, decimal? InitialCash, string? Owner);

public sealed record GrantRequest(string? UserName);

internal static class AccountAdminEndpoints
{
    public static void MapAccountAdminEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Administration").RequireAuthorization(AuthenticationSetup.AdminPolicy);
        accounts.MapPost("/", Create).WithSummary("Open an account with starting cash; its owner is granted access.");
        accounts.MapPost("/{accountId}/grants", Grant).WithSummary("Let a user see (and, with the trader role, trade) the account.");
        accounts.MapDelete("/{accountId}/grants/{userName}", Revoke).WithSummary("Withdraw a user's access to the account.");
    }

    private static async Task<Results<Created<AccountInfo>, Ok<AccountInfo>, ValidationProblem, ProblemHttpResult>> Create(CreateAccountRequest request, IGrainFactory grains)
    {
        var validation = new Validation()
            .Required(request.Id, "id")
            .Required(request.Name, "name")
            .Required(request.Type, "type")
            .Required(request.InitialCash, "initialCash")
            .Required(request.Owner, "owner");
        if (request.Id is { Length: > 0 }) validation.Check(Identifiers.IsAccountId(request.Id), "id", $"id must be {Identifiers.AccountRule}.");
        validation
            .Check(request.Name is not { Length: > 100 }, "name", "name must have at most 100 characters.")
            .Check(request.Type is null || Enum.IsDefined(request.Type.Value), "type", $"type must be one of: {string.Join(", ", Enum.GetNames<AccountType>())}.")
            .Check(request.InitialCash is not < 0m, "initialCash", "initialCash must not be negative.");
        if (validation.HasErrors) return validation.ToProblem();

        var owner = grains.GetGrain<IUserGrain>(UserNames.Normalize(request.Owner!));
        if (await owner.Get() is null) return Validation.Single("owner", $"owner '{request.Owner}' is not a user.");

        // Opening is idempotent for the same terms (409 for others), so a retried creation also completes the owner's grant.
        var portfolio = grains.GetGrain<IPortfolioGrain>(request.Id!);
        var existed = await portfolio.GetAccount() is not null;
        var account = await portfolio.Open(new OpenAccountRequest(request.Name!.Trim(), request.Type!.Value, request.InitialCash!.Value, UserNames.Normalize(request.Owner!)));
        await owner.GrantAccount(account.Account);
        return existed ? TypedResults.Ok(account) : TypedResults.Created($"/api/accounts/{account.Account}", account);
    }

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Grant(string accountId, GrantRequest request, IGrainFactory grains)
    {
        if (!Identifiers.IsAccountId(accountId)) return Validation.Single("accountId", $"The account id must be {Identifiers.AccountRule}.");
        if (string.IsNullOrWhiteSpace(request.UserName)) return Validation.Single("userName", "userName is required.");
        if (await grains.GetGrain<IPortfolioGrain>(accountId).GetAccount() is null) return Problems.NotFound($"Account '{accountId}' does not exist.");
        var user = grains.GetGrain<IUserGrain>(UserNames.Normalize(request.UserName));
        if (await user.Get() is null) return Problems.NotFound($"User '{request.UserName}' does not exist.");
        return TypedResults.Ok(await user.GrantAccount(accountId));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Revoke(
        string accountId, string userName, IGrainFactory grains, AccountSubscriptions subscriptions)
    {
        if (!Identifiers.IsAccountId(accountId)) return Validation.Single("accountId", $"The account id must be {Identifiers.AccountRule}.");
        var user = grains.GetGrain<IUserGrain>(UserNames.Normalize(userName));
        if (await user.Get() is not { } view) return Problems.NotFound($"User '{userName}' does not exist.");
        await user.RevokeAccount(accountId);
        await subscriptions.RevokeAsync(view.UserName, accountId);
        return TypedResults.NoContent();
    }
}
