using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Results;

/// <summary>A failed top-level rule as the fast path reports it.</summary>
/// <param name="Message">The rendered ErrorMessage, or the exception message when the expression threw.</param>
/// <param name="Reference">The regulation or policy the rule implements (<c>Properties.Reference</c>).</param>
public sealed record RuleFailure(string RuleName, Severity Severity, string Message, string? Reference, bool Threw);
