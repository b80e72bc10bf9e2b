namespace SmartTrader.Rules.Model;

/// <summary>
/// Completes a document whose workflows inject (WorkflowsToInject, on a workflow or a rule) workflows it does not
/// define itself, by looking them up by name elsewhere: the active rulesets of a silo, or files beside a rules file.
/// </summary>
public static class WorkflowInjections
{
    /// <summary>
    /// The workflows <paramref name="document"/> injects and does not define, found with <paramref name="find"/>,
    /// and what they inject in turn; <c>Unresolved</c> names those <paramref name="find"/> did not know.
    /// </summary>
    public static (IReadOnlyList<Workflow> Added, IReadOnlyList<string> Unresolved) Resolve(
        IReadOnlyList<Workflow> document, Func<string, IReadOnlyList<Workflow>?> find)
    {
        var defined = document.Select(w => w.WorkflowName).ToHashSet(StringComparer.Ordinal);
        var added = new List<Workflow>();
        var unresolved = new List<string>();
        var pending = new Queue<string>(InjectedBy(document));
        while (pending.TryDequeue(out var name))
        {
            if (defined.Contains(name) || unresolved.Contains(name)) continue;
            if (find(name) is not { } found)
            {
                unresolved.Add(name);
                continue;
            }
            foreach (var workflow in found)
                if (defined.Add(workflow.WorkflowName)) added.Add(workflow);
            if (!defined.Contains(name)) unresolved.Add(name);
            foreach (var next in InjectedBy(found)) pending.Enqueue(next);
        }
        return (added, unresolved);
    }

    /// <summary>Every workflow name injected anywhere in <paramref name="workflows"/>, in document order.</summary>
    public static IEnumerable<string> InjectedBy(IEnumerable<Workflow> workflows) =>
        workflows.SelectMany(w => (w.WorkflowsToInject ?? []).Concat(InjectedBy(w.Rules)));

    private static IEnumerable<string> InjectedBy(IEnumerable<Rule>? rules) =>
        (rules ?? []).SelectMany(r => (r.WorkflowsToInject ?? []).Concat(InjectedBy(r.Rules)));
}
