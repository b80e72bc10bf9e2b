namespace SmartTrader.Rules.Runtime;

/// <summary>The generated entry point of a compiled workflow: inputs in declared order, outcomes into the run.</summary>
public delegate void WorkflowEntry(object?[] inputs, ref RuleRun run);
