using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Governance;
using SmartTrader.Rules.Model;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Trading;

namespace SmartTrader.Server.Errors;

/// <summary>
/// Turns exceptions into ProblemDetails. Only messages written for users (trading and ruleset refusals, rules documents
/// that do not read or compile, request binding errors) are shown. Failures that pass (<see cref="UnavailableProblems"/>)
/// are a retryable 503 with a fixed text, logged as one line; anything else is a 500 that names the correlation id and
/// nothing of the exception.
/// </summary>
internal sealed partial class ApiExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger, IClusterMembership? cluster = null) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        var retryable = problem.Extensions.ContainsKey("retryable");
        if (problem.Status >= StatusCodes.Status500InternalServerError && !retryable)
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        else if (problem.Status >= StatusCodes.Status500InternalServerError)
            LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, problem.Status, exception.GetType().Name, exception.Message);
        else
            LogRefused(logger, problem.Status, problem.Detail);

        if (retryable) httpContext.Response.Headers.RetryAfter = "1";
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    private ProblemDetails Describe(Exception exception) => UnavailableProblems.Describe(exception, cluster) is var (title, detail)
        ? Retryable(StatusCodes.Status503ServiceUnavailable, title, detail)
        : exception switch
        {
            TradingException trading => Problem(StatusOf(trading.Kind), TitleOf(trading.Kind), trading.Message),
            RulesetGovernanceException governance => RulesProblems.Governance(governance),
            RulesDocumentException document => RulesProblems.Document(document),
            RulesCompilationException compilation => RulesProblems.Compilation(compilation),
            BadHttpRequestException { InnerException: JsonException json } => Problem(400, "Malformed JSON", DescribeJson(json)),
            BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "Bad request", badRequest.Message),
            InconsistentStateException => Retryable(409, "Concurrent update", "The resource was changed by a concurrent request; retry."),
            _ => Problem(500, "Internal error", "An unexpected error occurred. Quote the correlationId when reporting it."),
        };

    private static string DescribeJson(JsonException json)
    {
        // The reader's own errors (truncated or malformed text) arrive wrapped; a value of the wrong type does not.
        if (json.InnerException is JsonException)
            return $"The request body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1}).";
        if (string.IsNullOrEmpty(json.Path) || json.Path == "$")
            return "The request body must be a JSON object.";
        var field = json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
        return $"The request body has an invalid value for '{field}'.";
    }

    private static int StatusOf(TradingErrorKind kind) => kind switch
    {
        TradingErrorKind.Invalid => StatusCodes.Status400BadRequest,
        TradingErrorKind.NotFound => StatusCodes.Status404NotFound,
        TradingErrorKind.Conflict => StatusCodes.Status409Conflict,
        TradingErrorKind.Refused => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleOf(TradingErrorKind kind) => kind switch
    {
        TradingErrorKind.Invalid => "Invalid request",
        TradingErrorKind.NotFound => "Not found",
        TradingErrorKind.Conflict => "Conflict",
        TradingErrorKind.Refused => "Refused",
        _ => "Internal error",
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails Retryable(int status, string title, string detail)
    {
        var problem = Problem(status, title, detail);
        problem.Extensions["retryable"] = true;
        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered {Status}, to be retried: {Failure}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, int? status, string failure, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request refused with {Status}: {Detail}")]
    private static partial void LogRefused(ILogger logger, int? status, string? detail);
}
