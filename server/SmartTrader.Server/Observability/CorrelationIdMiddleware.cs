using System.Text.RegularExpressions;
using SmartTrader.Runtime;

namespace SmartTrader.Server.Observability;

/// <summary>
/// Takes X-Correlation-Id from the request (or makes one), echoes it on the response, uses it as the trace identifier
/// shown in ProblemDetails, and starts the <see cref="RequestContext"/> that flows into grain calls and logs.
/// </summary>
internal sealed partial class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = context.Request.Headers[Header] is [{ } given] && Acceptable().IsMatch(given) ? given : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = correlationId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = correlationId;
            return Task.CompletedTask;
        });
        using (RequestContext.Begin(correlationId, user: null))
            await next(context);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Acceptable();
}

/// <summary>Once the caller is authenticated, adds the user name to the <see cref="RequestContext"/>.</summary>
internal sealed class RequestUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity is not { IsAuthenticated: true, Name: { } user })
        {
            await next(context);
            return;
        }
        using (RequestContext.Begin(RequestContext.CorrelationId, user))
            await next(context);
    }
}
