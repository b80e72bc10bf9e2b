namespace SmartTrader.Rules.Model;

/// <summary>A named list of rules, in Microsoft RulesEngine's JSON shape.</summary>
public sealed class Workflow
{
    public string WorkflowName { get; set; } = "";

    /// <summary>Workflows whose global params and rules are added to this workflow's own (their rules after its rules).</summary>
    public List<string>? WorkflowsToInject { get; set; }

    public List<ScopedParam>? GlobalParams { get; set; }

    public List<Rule> Rules { get; set; } = [];
}
