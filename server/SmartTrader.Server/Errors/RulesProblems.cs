using Microsoft.AspNetCore.Mvc;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Governance;
using SmartTrader.Rules.Model;
using SmartTrader.Server.Api;

namespace SmartTrader.Server.Errors;

/// <summary>ProblemDetails for the rules engine's refusals; their messages are written for users.</summary>
internal static class RulesProblems
{
    public static ProblemDetails Governance(RulesetGovernanceException refused)
    {
        var (status, title) = refused.Kind switch
        {
            GovernanceErrorKind.InvalidRequest => (StatusCodes.Status400BadRequest, "Invalid request"),
            GovernanceErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            GovernanceErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            GovernanceErrorKind.IllegalTransition => (StatusCodes.Status409Conflict, "Not allowed in this status"),
            GovernanceErrorKind.InvalidRules => (StatusCodes.Status422UnprocessableEntity, "The rules do not validate"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error"),
        };
        var problem = new ProblemDetails { Status = status, Title = title, Detail = refused.Message };
        if (refused.Diagnostics.Count > 0) problem.Extensions["diagnostics"] = refused.Diagnostics.Select(DiagnosticView.Of).ToArray();
        return problem;
    }

    public static ProblemDetails Document(RulesDocumentException invalid)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Not a rules document",
            Detail = $"{invalid.Message} (line {invalid.Line}, column {invalid.Column})",
        };
        problem.Extensions["line"] = invalid.Line;
        problem.Extensions["column"] = invalid.Column;
        return problem;
    }

    public static ProblemDetails Compilation(RulesCompilationException failed)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The rules do not compile",
            Detail = failed.Diagnostics.Count == 0 ? failed.Message : $"{failed.Diagnostics.Count} problem(s); first: {failed.Diagnostics[0]}",
        };
        problem.Extensions["diagnostics"] = failed.Diagnostics.Select(DiagnosticView.Of).ToArray();
        return problem;
    }
}
