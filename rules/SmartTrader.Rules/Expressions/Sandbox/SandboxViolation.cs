using Microsoft.CodeAnalysis.Text;

namespace SmartTrader.Rules.Expressions.Sandbox;

/// <summary>Something an expression may not do, and where in the generated source it was found.</summary>
internal sealed record SandboxViolation(TextSpan Span, string Message);
