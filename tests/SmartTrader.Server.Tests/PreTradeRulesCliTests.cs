using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Server.RulesCli;
using SmartTrader.TestSupport;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Server.Tests;

/// <summary>The rules verbs know the pre-trade inputs, and the sample inputs shipped beside the rules bind to them.</summary>
public sealed class PreTradeRulesCliTests
{
    private static string Rulesets => Path.Combine(Repository.Root, "rules", "rulesets");

    [Fact]
    public void The_shipped_pre_trade_rules_evaluate_against_the_sample_inputs()
    {
        var schema = PreTradeRuleset.InputsFor("pre-trade");
        schema.Should().NotBeNull();
        var samples = schema!
            .Select(input => RuleInputFiles.Parse($"{input.Name}={Path.Combine(Rulesets, "samples", "pre-trade", input.Name + ".json")}"))
            .ToList();

        var (inputs, values) = RuleInputFiles.Bind(samples, schema);
        var workflows = new[] { "pre-trade", "pdt", "intraday-margin", "wash-sale" }.SelectMany(name => RulesDocument.Load(Path.Combine(Rulesets, name + ".json"))).ToList();
        var verdict = new RulesCompiler().Compile(workflows, "pre-trade", inputs).Evaluate(values);

        verdict.Failures.Select(f => f.RuleName).Should().BeEquivalentTo(
            "MaxOrderQuantity", "PriceCollar", "MaxConcentration", "BuyingPower", "PatternDayTraderMinimumEquity", "PatternDayTraderDesignation", "WashSale");
        verdict.Failures.Should().OnlyContain(f => !f.Threw);
    }
}
