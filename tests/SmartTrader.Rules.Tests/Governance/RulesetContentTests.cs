using SmartTrader.Rules.Governance;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Tests.Governance;

public sealed class RulesetContentTests
{
    [Fact]
    public void Equal_rules_written_differently_have_the_same_canonical_text_and_hash()
    {
        var spaced = RulesetContent.Parse("""
            // a comment
            { "workflowName": "Orders",
              "rules": [ { "ruleName": "Max", "expression": "order.Quantity <= 1000" } ] }
            """);
        var compact = RulesetContent.Parse("""[{"WorkflowName":"Orders","Rules":[{"RuleName":"Max","Expression":"order.Quantity <= 1000"}]}]""");

        spaced.Json.Should().Be(compact.Json);
        spaced.Hash.Should().Be(compact.Hash).And.MatchRegex("^[0-9a-f]{64}$");
        RulesetContent.Parse(spaced.Json).Hash.Should().Be(spaced.Hash, "canonical text reads back to itself");
        spaced.Json.Should().Contain("order.Quantity <= 1000", "expressions stay readable in storage");
    }

    [Fact]
    public void Different_rules_have_different_hashes()
    {
        var a = RulesetContent.Parse("""{"WorkflowName":"Orders","Rules":[{"RuleName":"Max","Expression":"true"}]}""");
        var b = RulesetContent.Parse("""{"WorkflowName":"Orders","Rules":[{"RuleName":"Max","Expression":"false"}]}""");

        a.Hash.Should().NotBe(b.Hash);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[null]")]
    [InlineData("42")]
    public void A_document_without_workflows_is_refused(string json)
    {
        FluentActions.Invoking(() => RulesetContent.Parse(json)).Should().Throw<RulesDocumentException>();
    }

    [Theory]
    [InlineData("pre-trade", true)]
    [InlineData("wash.sale_2", true)]
    [InlineData("", false)]
    [InlineData("-leading", false)]
    [InlineData("a/b", false)]
    [InlineData("has space", false)]
    public void Ruleset_names_are_short_and_free_of_separators(string name, bool valid)
    {
        RulesetNames.IsValid(name).Should().Be(valid);
    }
}
