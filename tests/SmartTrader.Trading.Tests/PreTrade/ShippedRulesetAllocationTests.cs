using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Trading.Tests.PreTrade;

public class ShippedRulesetAllocationTests
{
    [Fact]
    public void Evaluating_the_shipped_rules_for_a_passing_order_allocates_nothing()
    {
        var gate = new RulesCompiler().Compile(ShippedRulesets.PreTradeWorkflows(), PreTradeRuleset.Name, PreTradeRuleset.Inputs);
        var inputs = PreTradeSamples.Inputs();
        for (var i = 0; i < 1_000; i++) gate.Evaluate(inputs).AllPassed.Should().BeTrue();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) gate.Evaluate(inputs);
        var perEvaluation = (GC.GetAllocatedBytesForCurrentThread() - before) / 10_000.0;

        perEvaluation.Should().Be(0);
    }
}
