using System.Threading.RateLimiting;
namespace SmartTrader.Server.Identity;

public static class LoginRateLimiting
{
    public const string Policy = "login";

    /// <summary>A fixed window per client address on the sign-in endpoint; a rejection is a 429 ProblemDetails.</summary>
    public static IServiceCollection AddLoginRateLimiting(this IServiceCollection services, int attemptsPerMinute) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
}
