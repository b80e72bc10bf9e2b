using SmartTrader.Server.Realtime;
using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrader.Runtime;
using SmartTrader.Server.Hosting;
using SmartTrader.Server.Identity;

namespace SmartTrader.Server.Api;

public sealed record CreateUserRequest(string? UserName, string? Password, string[]? Roles);

public sealed record SetDisabledRequest(bool? Disabled);

internal static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Administration").RequireAuthorization(AuthenticationSetup.AdminPolicy);
        users.MapPost("/", Create).WithSummary("Create a user with roles (trader, compliance, developer, admin).");
        users.MapGet("/", List).WithSummary("Every user.");
        users.MapGet("/{userName}", Get).WithName("GetUser");
        users.MapPut("/{userName}/disabled", SetDisabled).WithSummary("Disable or re-enable a user; disabling ends the user's sessions at once.");
    }

    private static async Task<Results<Created<UserView>, ValidationProblem>> Create(CreateUserRequest request, IGrainFactory grains)
    {
        var userName = request.UserName is null ? null : UserNames.Normalize(request.UserName);
        var validation = new Validation()
            .Required(userName, "userName")
            .Required(request.Password, "password")
            .Check(request.Roles is { Length: > 0 }, "roles", $"roles must name at least one of: {string.Join(", ", Roles.All)}.");
        if (!string.IsNullOrEmpty(userName)) validation.Check(UserNames.IsValid(userName), "userName", $"userName must be {UserNames.Rule}.");
        if (request.Password is { Length: > 0 } password)
            validation.Check(password.Length is >= SmartTraderOptionsValidator.MinimumPasswordLength and <= 256, "password",
                $"password must have {SmartTraderOptionsValidator.MinimumPasswordLength} to 256 characters.");
        foreach (var role in request.Roles ?? [])
            validation.Check(Roles.All.Contains(role), "roles", $"'{role}' is not a role; use {string.Join(", ", Roles.All)}.");
        if (validation.HasErrors) return validation.ToProblem();

        var user = await grains.GetGrain<IUserGrain>(userName!).Create(request.Password!, [.. request.Roles!.Distinct()]);
        await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).Register(user.UserName);
        return TypedResults.Created($"/api/users/{user.UserName}", user);
    }

    private static async Task<Ok<ImmutableArray<UserView>>> List(IGrainFactory grains)
    {
        var names = await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).List();
        var users = await Task.WhenAll(names.Select(name => grains.GetGrain<IUserGrain>(name).Get()));
        return TypedResults.Ok(users.OfType<UserView>().ToImmutableArray());
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> Get(string userName, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(UserNames.Normalize(userName)).Get() is { } user
            ? TypedResults.Ok(user)
            : Problems.NotFound($"User '{userName}' does not exist.");

    private static async Task<Results<Ok<UserView>, ValidationProblem>> SetDisabled(
        string userName, SetDisabledRequest request, IGrainFactory grains, AccountSubscriptions subscriptions)
    {
        if (request.Disabled is not { } disabled) return Validation.Single("disabled", "disabled is required (true or false).");
        var user = grains.GetGrain<IUserGrain>(UserNames.Normalize(userName));
        var view = await user.SetDisabled(disabled);
        if (disabled)
        {
            await user.EndSessions();
            await subscriptions.EndAllAsync(view.UserName);
        }
        return TypedResults.Ok(view);
    }
}
