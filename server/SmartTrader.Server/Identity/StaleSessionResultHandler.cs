using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace SmartTrader.Server.Identity;

/// <summary>
/// A token or cookie whose session ended (logout, disabled user) authenticates but resolves to an anonymous
/// principal; answer it with 401 (sign in again), not 403.
/// </summary>
internal sealed class StaleSessionResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Forbidden && context.User.Identity is not { IsAuthenticated: true }
            ? _default.HandleAsync(next, context, policy, PolicyAuthorizationResult.Challenge())
            : _default.HandleAsync(next, context, policy, authorizeResult);
}
