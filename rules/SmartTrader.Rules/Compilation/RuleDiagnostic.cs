namespace SmartTrader.Rules.Compilation;

/// <summary>
/// One problem found while validating or compiling a workflow.
/// </summary>
/// <param name="Field">Which text is at fault: <c>Expression</c>, <c>LocalParams[name]</c>, <c>GlobalParams[name]</c>,
/// <c>ErrorMessage</c>, <c>Actions.OnSuccess</c>, <c>Properties.Severity</c>, ...</param>
/// <param name="Line">1-based line within that text.</param>
/// <param name="Column">1-based column within that text.</param>
public sealed record RuleDiagnostic(
    string WorkflowName, string? RuleName, string Field, int Line, int Column, string Message)
{
    public override string ToString() =>
        RuleName is null
            ? $"{WorkflowName} {Field} ({Line},{Column}): {Message}"
            : $"{WorkflowName}/{RuleName} {Field} ({Line},{Column}): {Message}";
}

/// <summary>Thrown when a workflow cannot be compiled; every problem found is in <see cref="Diagnostics"/>.</summary>
public sealed class RulesCompilationException(IReadOnlyList<RuleDiagnostic> diagnostics)
    : Exception(diagnostics.Count == 0 ? "The workflow did not compile." : string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<RuleDiagnostic> Diagnostics { get; } = diagnostics;
}
