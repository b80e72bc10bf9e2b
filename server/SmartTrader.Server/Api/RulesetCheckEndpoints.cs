using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Rules.Inputs;
using SmartTrader.Runtime;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Server.Api;

/// <summary>Compiling and running a version without changing it: validate (diagnostics) and test-run (result trees).</summary>
internal static class RulesetCheckEndpoints
{
    public static void MapRulesetCheckEndpoints(this RouteGroupBuilder ruleset)
    {
        ruleset.MapPost("/versions/{version:int}/validate", Validate)
            .WithSummary("Compile a version and list every problem with its field, line and column. 200 with valid: false when it does not compile. " +
                "Compiled against the ruleset's schema, else against the sample inputs in the body, else only the document is checked.");
        ruleset.MapPost("/versions/{version:int}/test", TestRun)
            .WithSummary("Run one workflow of a version against sample inputs and return each rule's result tree.");
    }

    private static async Task<Results<Ok<ValidationView>, ValidationProblem, ProblemHttpResult>> Validate(
        string name, int version, ValidateBody? body, IGrainFactory grains, RulesCompiler compiler, IServiceProvider services)
    {
        if (await RulesetEndpoints.Ruleset(grains, name).GetVersion(version) is not { } found) return RulesetEndpoints.VersionNotFound(name, version);
        var schemas = services.GetService<IRulesetSchemas>();
        var (inputs, checkedAgainst) = schemas?.InputsFor(name) is { } schema
            ? (schema, "schema")
            : body?.Inputs is { Count: > 0 } samples
                ? (JsonInputs.Bind([.. samples.Select(s => (s.Key, s.Value))]).Inputs, "samples")
                : (null, "document");
        var document = RulesDocument.Parse(found.Content);
        var diagnostics = inputs is null ? [] : compiler.Validate(WithInjected(name, document, schemas), document.Select(w => w.WorkflowName), inputs);
        return TypedResults.Ok(new ValidationView(name, version, diagnostics.Count == 0, checkedAgainst, [.. diagnostics.Select(DiagnosticView.Of)]));
    }

    private static async Task<Results<Ok<TestRunView>, ValidationProblem, ProblemHttpResult>> TestRun(
        string name, int version, TestRunBody body, IGrainFactory grains, RulesCompiler compiler, IServiceProvider services)
    {
        if (string.IsNullOrWhiteSpace(body.Workflow)) return Validation.Single("workflow", "workflow is required: the name of the workflow to run.");
        if (await RulesetEndpoints.Ruleset(grains, name).GetVersion(version) is not { } found) return RulesetEndpoints.VersionNotFound(name, version);
        var document = RulesDocument.Parse(found.Content);
        if (!document.Any(w => w.WorkflowName == body.Workflow))
            return Validation.Single("workflow", $"Version {version} of ruleset '{name}' has no workflow '{body.Workflow}'.");

        var (inputs, values) = JsonInputs.Bind([.. (body.Inputs ?? []).Select(s => (s.Key, s.Value))]);
        var results = compiler.Compile(WithInjected(name, document, services.GetService<IRulesetSchemas>()), body.Workflow, inputs).Execute(values);
        return TypedResults.Ok(new TestRunView(name, version, body.Workflow, results.All(r => r.IsSuccess), [.. results.Select(RuleResultView.Of)]));
    }

    /// <summary>The version's workflows with those it injects from the other rulesets active on this silo.</summary>
    private static IReadOnlyList<Workflow> WithInjected(string name, IReadOnlyList<Workflow> document, IRulesetSchemas? schemas) =>
        [.. document, .. WorkflowInjections.Resolve(document, other => other == name ? null : schemas?.ActiveWorkflows(other)).Added];
}

public sealed record TestRunView(string Ruleset, int Version, string Workflow, bool AllPassed, ImmutableArray<RuleResultView> Results);
