using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Tests.Model;

public sealed class RulesDocumentTests
{
    [Fact]
    public void Reads_a_single_workflow_with_property_names_in_any_case()
    {
        var workflows = RulesDocument.Parse("""
            { "workflowname": "Discount",
              "RULES": [ { "rulename": "GiveDiscount10", "expression": "input1.country == \"india\"",
                           "properties": { "severity": "Warn" }, "enabled": false } ] }
            """);

        var rule = workflows.Should().ContainSingle().Subject.Rules.Should().ContainSingle().Subject;
        workflows[0].WorkflowName.Should().Be("Discount");
        rule.RuleName.Should().Be("GiveDiscount10");
        rule.Enabled.Should().BeFalse();
        RuleProperties.SeverityOf(rule).Should().Be(Severity.Warn);
    }

    [Fact]
    public void Reads_an_array_of_workflows_and_defaults_rules_to_enabled_blocking_lambdas()
    {
        var workflows = RulesDocument.Parse("""
            [ { "WorkflowName": "A", "Rules": [ { "RuleName": "R", "Expression": "true" } ] },
              { "WorkflowName": "B", "WorkflowsToInject": [ "A" ], "Rules": [] } ]
            """);

        workflows.Select(w => w.WorkflowName).Should().Equal("A", "B");
        var rule = workflows[0].Rules[0];
        rule.Enabled.Should().BeTrue();
        rule.RuleExpressionType.Should().Be(RuleExpressionType.LambdaExpression);
        RuleProperties.SeverityOf(rule).Should().Be(Severity.Block);
        workflows[1].WorkflowsToInject.Should().Equal("A");
    }

    [Fact]
    public void Bad_json_names_the_line_and_column()
    {
        var act = () => RulesDocument.Parse("{\n  \"WorkflowName\": \"A\",\n  \"Rules\": [ { \"RuleName\": } ]\n}");

        var error = act.Should().Throw<RulesDocumentException>().Which;
        error.Line.Should().Be(3);
        error.Column.Should().BeGreaterThan(1);
    }

    [Fact]
    public void Serialized_workflows_read_back_the_same()
    {
        var original = RulesDocument.Parse("""
            { "WorkflowName": "W", "GlobalParams": [ { "Name": "limit", "Expression": "10" } ],
              "Rules": [ { "RuleName": "R", "Operator": "Or", "Rules": [ { "RuleName": "C", "Expression": "limit > 1" } ] } ] }
            """);

        var again = RulesDocument.Parse(RulesDocument.Serialize(original));

        RulesDocument.Serialize(again).Should().Be(RulesDocument.Serialize(original));
        again[0].Rules[0].Rules![0].Expression.Should().Be("limit > 1");
    }
}
