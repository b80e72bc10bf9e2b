using SmartTrader.Server.Realtime;
using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrader.Runtime;
using SmartTrader.Server.Identity;

namespace SmartTrader.Server.Api;

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record MeResponse(string UserName, ImmutableArray<string> Roles, ImmutableArray<string> Accounts);

internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/login", Login)
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimiting.Policy)
            .WithSummary("Sign in: a bearer token by default, or a cookie with ?useCookies=true.");
        auth.MapPost("/logout", Logout).WithSummary("Ends every session of the caller (cookies and bearer tokens).");
        auth.MapGet("/me", Me).WithSummary("The caller's name, roles and granted accounts.");
    }

    private static async Task<Results<SignInHttpResult, Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, bool? useCookies, HttpContext httpContext, IGrainFactory grains)
    {
        var validation = new Validation()
            .Required(request.UserName, "userName")
            .Required(request.Password, "password")
            .Check(request.UserName is not { Length: > 64 }, "userName", "userName is too long.")
            .Check(request.Password is not { Length: > 256 }, "password", "password is too long.");
        if (validation.HasErrors) return validation.ToProblem();

        var session = await grains.GetGrain<IUserGrain>(UserNames.Normalize(request.UserName!)).SignIn(request.Password!);
        if (session is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "Invalid user name or password.");

        if (useCookies == true)
        {
            var principal = UserClaims.ForSignIn(session, CookieAuthenticationDefaults.AuthenticationScheme);
            await httpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return TypedResults.Ok(new MeResponse(session.User.UserName, session.User.Roles, session.User.Accounts));
        }
        return TypedResults.SignIn(
            UserClaims.ForSignIn(session, BearerTokenDefaults.AuthenticationScheme), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    private static async Task<NoContent> Logout(ClaimsPrincipal user, HttpContext httpContext, IGrainFactory grains, AccountSubscriptions subscriptions)
    {
        await grains.GetGrain<IUserGrain>(user.UserName()).EndSessions();
        await subscriptions.EndAllAsync(user.UserName());
        await httpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MeResponse>> Me(ClaimsPrincipal user, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IUserGrain>(user.UserName()).Get();
        return TypedResults.Ok(new MeResponse(user.UserName(), [.. user.RolesOf()], view?.Accounts ?? []));
    }
}
