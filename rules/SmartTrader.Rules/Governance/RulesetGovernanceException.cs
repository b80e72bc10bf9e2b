using SmartTrader.Rules.Compilation;

namespace SmartTrader.Rules.Governance;

/// <summary>Why a governance request was refused; decides the HTTP status.</summary>
public enum GovernanceErrorKind
{
    /// <summary>The request itself is incomplete, e.g. a rejection without a reason (400).</summary>
    InvalidRequest,
    /// <summary>The caller may not do this: wrong role, or the four-eyes rule (403).</summary>
    Forbidden,
    /// <summary>No such ruleset or version (404).</summary>
    NotFound,
    /// <summary>The version's status does not allow the transition (409).</summary>
    IllegalTransition,
    /// <summary>The rules do not validate; <see cref="RulesetGovernanceException.Diagnostics"/> says where (422).</summary>
    InvalidRules,
}

/// <summary>A refused governance request. The message is written for the user and shown as is.</summary>
public sealed class RulesetGovernanceException(GovernanceErrorKind kind, string message, IReadOnlyList<RuleDiagnostic>? diagnostics = null)
    : Exception(message)
{
    public GovernanceErrorKind Kind { get; } = kind;

    public IReadOnlyList<RuleDiagnostic> Diagnostics { get; } = diagnostics ?? [];
}
