using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// Compiles a workflow (with the workflows it injects) into one in-memory assembly, after checking every
/// expression against the sandbox. Compiled workflows are cached by content hash.
/// </summary>
public sealed class RulesCompiler(RulesCompilerOptions? options = null)
{
    public RulesCompilerOptions Options { get; } = options ?? new RulesCompilerOptions();

    /// <summary>Compiles <paramref name="workflowName"/>; throws <see cref="RulesCompilationException"/> listing every problem.</summary>
    public CompiledWorkflow Compile(IReadOnlyList<Workflow> workflows, string workflowName, IReadOnlyList<RuleInput> inputs) =>
        throw new NotImplementedException();

    /// <summary>Every problem in the named workflow (or all of them when null); empty when it compiles.</summary>
    public IReadOnlyList<RuleDiagnostic> Validate(IReadOnlyList<Workflow> workflows, string? workflowName, IReadOnlyList<RuleInput> inputs) =>
        throw new NotImplementedException();
}
