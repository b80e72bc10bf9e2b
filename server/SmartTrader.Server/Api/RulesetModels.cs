using System.Collections.Immutable;
using System.Text.Json;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Diff;
using SmartTrader.Rules.Governance;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Server.Api;

public sealed record ReviewBody(string? Comment);

public sealed record ReasonBody(string? Reason);

public sealed record RollbackBody(int? Version, string? Reason);

/// <summary>Sample inputs by name, in the order the rules expect them (e.g. <c>{"order": {...}, "account": {...}}</c>).</summary>
public sealed record ValidateBody(Dictionary<string, JsonElement>? Inputs);

public sealed record TestRunBody(string? Workflow, Dictionary<string, JsonElement>? Inputs);

public sealed record RulesetView(string Name, int? ActiveVersion, int LatestVersion, ImmutableArray<RulesetVersion> Versions)
{
    public static RulesetView Of(Ruleset ruleset) => new(ruleset.Name, ruleset.Active?.Number, ruleset.Latest?.Number ?? 0, ruleset.Versions);
}

/// <summary>A version's header and its rules document as JSON (one array of workflows).</summary>
public sealed record RulesetVersionView(string Ruleset, RulesetVersion Version, JsonElement Content)
{
    public static RulesetVersionView Of(RulesetVersionContent version)
    {
        using var document = JsonDocument.Parse(version.Content);
        return new RulesetVersionView(version.Ruleset, version.Version, document.RootElement.Clone());
    }
}

public sealed record RulesetDiffView(string Ruleset, int From, int To, IReadOnlyList<string> Summary, ImmutableArray<WorkflowChange> Workflows);

public sealed record DiagnosticView(string WorkflowName, string? RuleName, string Field, int Line, int Column, string Message)
{
    public static DiagnosticView Of(RuleDiagnostic d) => new(d.WorkflowName, d.RuleName, d.Field, d.Line, d.Column, d.Message);
}

/// <summary>
/// Whether a version compiles. <see cref="CheckedAgainst"/>: <c>schema</c> (the inputs the server evaluates the ruleset
/// with), <c>samples</c> (the sample inputs sent), or <c>document</c> when there was neither and only the document's
/// shape could be checked.
/// </summary>
public sealed record ValidationView(string Ruleset, int Version, bool Valid, string CheckedAgainst, ImmutableArray<DiagnosticView> Diagnostics);
