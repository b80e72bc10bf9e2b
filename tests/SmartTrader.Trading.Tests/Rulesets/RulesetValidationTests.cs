using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Governance;
using SmartTrader.Trading.Rulesets;
using SmartTrader.Trading.Tests.Grains;
using static SmartTrader.Trading.Tests.Rulesets.RulesetSamples;

namespace SmartTrader.Trading.Tests.Rulesets;

/// <summary>
/// Validation against a ruleset's schema goes through <see cref="RulesCompiler"/>: these need the compiler, and fail
/// with NotImplementedException until it lands.
/// </summary>
public sealed class RulesetValidationTests
{
    public sealed record OrderSample(string Symbol, decimal Quantity);

    private static Task<TradingSilo> SiloWithSchemaAsync() =>
        TradingSilo.StartAsync(services: s => s.AddSingleton<IRulesetSchemas>(new FixedSchemas("checked", [new RuleInput("order", typeof(OrderSample))])));

    [Fact]
    public async Task A_draft_whose_expressions_do_not_compile_against_the_schema_cannot_be_submitted()
    {
        await using var silo = await SiloWithSchemaAsync();
        var ruleset = silo.Ruleset("checked");
        await ruleset.CreateDraft("""{ "WorkflowName": "Orders", "Rules": [ { "RuleName": "Max", "Expression": "order.Qty <= 10" } ] }""", Alice);

        var error = (await FluentActions.Awaiting(() => ruleset.Submit(1, Alice)).Should().ThrowAsync<RulesetGovernanceException>()).Which;

        error.Kind.Should().Be(GovernanceErrorKind.InvalidRules);
        error.Diagnostics.Should().NotBeEmpty();
        error.Diagnostics[0].Should().Match<RuleDiagnostic>(d => d.WorkflowName == "Orders" && d.RuleName == "Max" && d.Field == "Expression");
        (await ruleset.Get())!.Get(1).Status.Should().Be(RulesetVersionStatus.Draft);
    }

    [Fact]
    public async Task A_draft_that_compiles_against_the_schema_goes_all_the_way_to_active()
    {
        await using var silo = await SiloWithSchemaAsync();
        var ruleset = silo.Ruleset("checked");

        var version = await ruleset.ApprovedVersionAsync(100);

        (await ruleset.Activate(version, Bob, null)).Status.Should().Be(RulesetVersionStatus.Active);
    }
}
