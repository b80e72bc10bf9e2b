using System.Text.RegularExpressions;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Trading.Tests.PreTrade;

/// <summary>The shipped pre-trade rules file as compliance reads it: every rule tagged, referenced and explained.</summary>
public partial class ShippedRulesetTests
{
    private static Workflow PreTrade => RulesDocument.Parse(ShippedRulesets.PreTrade).Should().ContainSingle().Subject;

    [Fact]
    public void It_holds_the_pre_trade_workflow_with_the_ten_required_rules()
    {
        PreTrade.WorkflowName.Should().Be(PreTradeRuleset.Name);
        PreTrade.Rules.Select(r => r.RuleName).Should().BeEquivalentTo(
            "MaxOrderQuantity", "MaxOrderNotional", "PriceCollar", "MaxPositionPerSymbol", "MaxGrossExposure",
            "MaxConcentration", "RestrictedSymbol", "MaxOrdersPerSecond", "MaxDailyLoss", "BuyingPower");
    }

    [Fact]
    public void Every_rule_has_an_explicit_severity_a_reference_and_a_message_with_input_placeholders()
    {
        foreach (var rule in PreTrade.Rules)
        {
            rule.Properties.Should().ContainKey(RuleProperties.SeverityKey, rule.RuleName);
            rule.Properties![RuleProperties.SeverityKey].GetString().Should().BeOneOf(["Block", "Warn"], rule.RuleName);
            RuleProperties.ReferenceOf(rule).Should().NotBeNullOrWhiteSpace(rule.RuleName);
            var placeholders = Placeholder().Matches(rule.ErrorMessage ?? "").Select(m => m.Groups[1].Value).ToList();
            placeholders.Should().NotBeEmpty(rule.RuleName);
            placeholders.Should().OnlyContain(p => PreTradeRuleset.Inputs.Any(i => i.Name == p.Split('.', 2)[0]), rule.RuleName);
        }
        PreTrade.Rules.Where(r => RuleProperties.SeverityOf(r) == Severity.Warn).Select(r => r.RuleName).Should().Equal("MaxConcentration");
    }

    [Fact]
    public void It_compiles_against_the_pre_trade_inputs() =>
        new RulesCompiler().Validate(ShippedRulesets.PreTradeWorkflows(), PreTradeRuleset.Name, PreTradeRuleset.Inputs).Should().BeEmpty();

    [GeneratedRegex(@"\$\(([^)]+)\)")]
    private static partial Regex Placeholder();
}
