using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// Compiles a workflow (with the workflows it injects) into one in-memory assembly, after checking every
/// expression against the sandbox. Compiled workflows are cached by content hash, so compiling the same content
/// again — a ruleset re-activated, a test re-run — costs a dictionary lookup.
/// </summary>
public sealed class RulesCompiler(RulesCompilerOptions? options = null)
{
    private readonly ConcurrentDictionary<string, Lazy<CompiledWorkflow>> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _cacheOrder = new();

    public RulesCompilerOptions Options { get; } = options ?? new RulesCompilerOptions();

    /// <summary>Compiles <paramref name="workflowName"/>; throws <see cref="RulesCompilationException"/> listing every problem.</summary>
    public CompiledWorkflow Compile(IReadOnlyList<Workflow> workflows, string workflowName, IReadOnlyList<RuleInput> inputs)
    {
        var plan = WorkflowPlan.For(workflows, workflowName);
        var key = ContentHash(plan, inputs);
        var entry = _cache.GetOrAdd(key, k => new Lazy<CompiledWorkflow>(() => Build(workflows, plan, inputs, k)));
        try
        {
            return entry.Value;
        }
        catch
        {
            _cache.TryRemove(new KeyValuePair<string, Lazy<CompiledWorkflow>>(key, entry));
            throw;
        }
    }

    /// <summary>Every problem in the named workflow (or in all of them when null); empty when it compiles.</summary>
    public IReadOnlyList<RuleDiagnostic> Validate(IReadOnlyList<Workflow> workflows, string? workflowName, IReadOnlyList<RuleInput> inputs) =>
        Validate(workflows, workflowName is null ? workflows.Select(w => w.WorkflowName) : [workflowName], inputs);

    /// <summary>Every problem in the named workflows, each compiled with <paramref name="workflows"/> to draw injections from.</summary>
    public IReadOnlyList<RuleDiagnostic> Validate(IReadOnlyList<Workflow> workflows, IEnumerable<string> workflowNames, IReadOnlyList<RuleInput> inputs)
    {
        var names = workflowNames.Distinct();
        var diagnostics = new List<RuleDiagnostic>();
        foreach (var name in names)
        {
            try
            {
                Compile(workflows, name, inputs);
            }
            catch (RulesCompilationException e)
            {
                diagnostics.AddRange(e.Diagnostics.Where(d => !diagnostics.Contains(d)));
            }
            catch (UnknownWorkflowException e)
            {
                diagnostics.Add(new RuleDiagnostic(name, null, "WorkflowName", 1, 1, e.Message));
            }
        }
        return diagnostics;
    }

    private CompiledWorkflow Build(IReadOnlyList<Workflow> workflows, WorkflowPlan plan, IReadOnlyList<RuleInput> inputs, string key)
    {
        var (runner, diagnostics) = WorkflowBuild.Run(plan, workflows, inputs);
        if (runner is null || diagnostics.Count > 0) throw new RulesCompilationException(diagnostics);
        var compiled = new CompiledWorkflow(plan.WorkflowName, key, inputs, plan, runner, Options.EvaluationTimeout,
            other => Compile(workflows, other, inputs));
        // Only what compiled enters the eviction order; a failed build is removed from the cache by its caller.
        Remember(key);
        return compiled;
    }

    private void Remember(string key)
    {
        _cacheOrder.Enqueue(key);
        while (_cacheOrder.Count > Options.CacheCapacity && _cacheOrder.TryDequeue(out var oldest))
            _cache.TryRemove(oldest, out _);
    }

    private static string ContentHash(WorkflowPlan plan, IReadOnlyList<RuleInput> inputs)
    {
        var text = new StringBuilder(RulesDocument.Serialize(plan.Sources));
        text.Append('\n').Append(plan.WorkflowName);
        foreach (var input in inputs) text.Append('\n').Append(input.Name).Append(':').Append(input.Type.AssemblyQualifiedName);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
