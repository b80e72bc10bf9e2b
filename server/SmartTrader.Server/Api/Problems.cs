using Microsoft.AspNetCore.Http.HttpResults;

namespace SmartTrader.Server.Api;

/// <summary>The ProblemDetails answers endpoints return directly (exceptions go through ApiExceptionHandler).</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
