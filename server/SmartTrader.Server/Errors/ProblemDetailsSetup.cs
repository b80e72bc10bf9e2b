namespace SmartTrader.Server.Errors;

public static class ProblemDetailsSetup
{
    public static IServiceCollection AddSmartTraderProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions["correlationId"] = context.HttpContext.TraceIdentifier;
            problem.Extensions.Remove("traceId");
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Detail ??= DefaultDetail(problem.Status);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Binding failures (bad JSON, missing body, unparsable route or query values) reach ApiExceptionHandler.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    private static string? DefaultDetail(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in first: POST /api/auth/login, then send the bearer token or the cookie.",
        StatusCodes.Status403Forbidden => "You are signed in but not allowed to do this.",
        StatusCodes.Status404NotFound => "Nothing exists at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept this HTTP method.",
        StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON, with Content-Type: application/json.",
        StatusCodes.Status429TooManyRequests => "Too many attempts; wait a minute before trying again.",
        _ => null,
    };
}
