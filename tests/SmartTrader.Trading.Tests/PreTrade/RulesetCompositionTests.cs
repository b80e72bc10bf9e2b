using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrader.Rules.Compilation;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.Tests.PreTrade;

/// <summary>The pre-trade gate is the pre-trade ruleset plus the active versions of the rulesets it injects.</summary>
public class RulesetCompositionTests
{
    private const string Extra = "firm-extra";

    private static readonly RulesCompiler Compiler = new();

    private static ActiveRulesets NewRulesets() => new(Compiler, NullLogger<ActiveRulesets>.Instance);

    /// <summary>The shipped pre-trade rules injecting one more workflow.</summary>
    private static ActiveRuleset PreTradeInjecting(string name, int version)
    {
        var document = (JsonObject)JsonNode.Parse(ShippedRulesets.PreTrade)!;
        var injected = new JsonArray();
        foreach (var existing in document["WorkflowsToInject"]?.AsArray() ?? []) injected.Add(existing!.DeepClone());
        injected.Add(name);
        document["WorkflowsToInject"] = injected;
        return PreTradeVersions.Of(document.ToJsonString(), version);
    }

    private static ActiveRuleset ExtraRule(int version, string expression) => PreTradeVersions.Named(Extra, $$"""
        { "WorkflowName": "{{Extra}}", "Rules": [ { "RuleName": "SmallOrdersOnly", "Expression": "{{expression}}",
          "ErrorMessage": "too many shares", "Properties": { "Severity": "Block" } } ] }
        """, version);

    private static ActiveRulesets WithShippedParts()
    {
        var rulesets = NewRulesets();
        foreach (var part in PreTradeVersions.ShippedParts()) rulesets.Publish(part);
        return rulesets;
    }

    [Fact]
    public void A_pre_trade_version_whose_injected_ruleset_is_not_active_does_not_replace_the_gate()
    {
        var rulesets = WithShippedParts();
        var shipped = PreTradeVersions.Of(ShippedRulesets.PreTrade, 1);
        rulesets.Publish(shipped);

        rulesets.Publish(PreTradeInjecting(Extra, 2));

        rulesets.PreTrade!.Version.Should().Be(PreTradeVersions.VersionOf(shipped));
    }

    [Fact]
    public void Once_the_injected_ruleset_is_active_the_gate_holds_both_and_names_both_versions()
    {
        var rulesets = WithShippedParts();
        rulesets.Publish(PreTradeInjecting(Extra, 2));
        var extra = ExtraRule(1, "order.Quantity <= 5");

        rulesets.Publish(extra);

        var gate = rulesets.PreTrade!;
        gate.Version.Version.Should().Be(2);
        gate.Included.Should().Contain(PreTradeVersions.VersionOf(extra));
        gate.Composition.Should().Contain($"pre-trade@2:").And.Contain($"{Extra}@1:{extra.ContentHash}");
        gate.Workflow.Execute(PreTradeSamples.Inputs(quantity: 6m))
            .Single(r => r.Rule.RuleName == "SmallOrdersOnly").IsSuccess.Should().BeFalse();
    }

    [Fact]
    public void A_new_version_of_an_injected_ruleset_recompiles_the_gate()
    {
        var rulesets = WithShippedParts();
        rulesets.Publish(PreTradeInjecting(Extra, 2));
        rulesets.Publish(ExtraRule(1, "order.Quantity <= 5"));

        var looser = ExtraRule(2, "order.Quantity <= 500");
        rulesets.Publish(looser);

        rulesets.PreTrade!.Included.Should().Contain(PreTradeVersions.VersionOf(looser));
        rulesets.PreTrade.Workflow.Execute(PreTradeSamples.Inputs(quantity: 6m))
            .Single(r => r.Rule.RuleName == "SmallOrdersOnly").IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void An_injected_version_that_does_not_compile_leaves_the_gate_in_force()
    {
        var rulesets = WithShippedParts();
        rulesets.Publish(PreTradeInjecting(Extra, 2));
        var good = ExtraRule(1, "order.Quantity <= 5");
        rulesets.Publish(good);

        rulesets.Publish(ExtraRule(2, "order.NoSuchField <= 5"));

        rulesets.PreTrade!.Included.Should().Contain(PreTradeVersions.VersionOf(good));
    }

    [Fact]
    public void A_ruleset_the_pre_trade_rules_do_not_inject_leaves_the_gate_alone_and_has_no_schema()
    {
        var rulesets = WithShippedParts();
        rulesets.Publish(PreTradeVersions.Of(ShippedRulesets.PreTrade, 1));
        var before = rulesets.PreTrade;

        rulesets.Publish(ExtraRule(1, "order.Quantity <= 5"));

        rulesets.PreTrade.Should().BeSameAs(before);
        rulesets.InputsFor(Extra).Should().BeNull();
        rulesets.ActiveWorkflows(Extra).Should().ContainSingle().Which.WorkflowName.Should().Be(Extra);
    }

    [Fact]
    public void An_injected_ruleset_is_compiled_against_the_pre_trade_inputs()
    {
        var rulesets = WithShippedParts();
        rulesets.Publish(PreTradeInjecting(Extra, 2));

        rulesets.InputsFor(Extra).Should().BeEquivalentTo(PreTradeRuleset.Inputs);
    }
}
