using System.Collections.Frozen;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Trading.Tests.PreTrade;

public class ShippedRulesetAllocationTests
{
    [Fact]
    public void Evaluating_the_shipped_rules_for_a_passing_order_allocates_nothing()
    {
        var gate = new RulesCompiler().Compile(RulesDocument.Parse(ShippedRulesets.PreTrade), PreTradeRuleset.Name, PreTradeRuleset.Inputs);
        var order = new OrderFacts("AAPL", "Buy", "Limit", "Day", 10m, 100.05m, 100.05m, 1_000.50m, 1_000.50m, IncreasesExposure: true);
        var account = new AccountFacts("Cash", 100_000m, 100_000m, 100_000m, 0m, 100_000m, 0m, 0);
        var position = new PositionFacts("AAPL", 0m, 0m, 0m, 0m);
        var quote = new QuoteFacts(true, 99.98m, 100.02m, 100m, DateTimeOffset.UnixEpoch);
        var limits = new RiskLimits(100m, 1_000_000m, 10m, 1_000m, 1_000_000m, 25m, new[] { "BAC" }.ToFrozenSet(), 10, 1_000m);
        object?[] inputs = [order, account, position, quote, limits];
        for (var i = 0; i < 1_000; i++) gate.Evaluate(inputs).AllPassed.Should().BeTrue();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) gate.Evaluate(inputs);
        var perEvaluation = (GC.GetAllocatedBytesForCurrentThread() - before) / 10_000.0;

        perEvaluation.Should().Be(0);
    }
}
