using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace SmartTrader.Server.Identity;

public static class AuthenticationSetup
{
    /// <summary>Picks the bearer scheme when the request carries a token, the cookie scheme otherwise.</summary>
    public const string Scheme = "smarttrader";
    public const string AdminPolicy = "admin";
    /// <summary>Reading rulesets, their history and diffs, and trying them out: compliance, admin, developer.</summary>
    public const string RulesetReaderPolicy = "rulesets.read";
    /// <summary>Changing a ruleset or deciding on it: compliance only.</summary>
    public const string CompliancePolicy = "compliance";
    /// <summary>GET /api/cluster: admin, developer, compliance.</summary>
    public const string ClusterReaderPolicy = "cluster.read";
    public const string CookieName = "smarttrader.auth";

    public static IServiceCollection AddSmartTraderAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or cookie", options => options.ForwardDefaultSelector = SelectScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => SetStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => SetStatus(context, StatusCodes.Status403Forbidden);
                options.Events.OnRedirectToLogout = context => SetStatus(context, StatusCodes.Status204NoContent);
                options.Events.OnRedirectToReturnUrl = context => SetStatus(context, StatusCodes.Status200OK);
            })
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(1);
                options.Events.OnMessageReceived = context =>
                {
                    // Browsers cannot set headers on WebSocket requests, so the hub accepts the token in the query string.
                    if (IsHubRequest(context.Request) && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                        context.Token = token;
                    return Task.CompletedTask;
                };
            });
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .PostConfigure<TimeProvider>((options, time) => options.BearerTokenProtector = new OpenedBearerTokens(options.BearerTokenProtector, time));
        services.AddSingleton<UserAccessCache>();
        services.AddTransient<IClaimsTransformation, UserClaimsTransformation>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, StaleSessionResultHandler>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(RulesetReaderPolicy, policy => policy.RequireRole(Roles.Compliance, Roles.Admin, Roles.Developer))
            .AddPolicy(CompliancePolicy, policy => policy.RequireRole(Roles.Compliance))
            .AddPolicy(ClusterReaderPolicy, policy => policy.RequireRole(Roles.Admin, Roles.Developer, Roles.Compliance));
        return services;
    }

    private static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0 || (IsHubRequest(context.Request) && context.Request.Query.ContainsKey("access_token"))
            ? BearerTokenDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme;

    private static bool IsHubRequest(HttpRequest request) => request.Path.StartsWithSegments("/hubs");

    private static Task SetStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
