using System.Text.Json;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Inputs;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Tests.Compilation;

public sealed class DiagnosticsTests
{
    [Fact]
    public void A_compile_error_names_the_rule_field_line_and_column_of_the_authors_text()
    {
        var workflows = RulesDocument.Parse("""
            { "WorkflowName": "W", "Rules": [
              { "RuleName": "Fine", "Expression": "true" },
              { "RuleName": "Typo", "Expression": "input1.Country == \"india\" AND\n  input1.Loyalty > 2" } ] }
            """);

        var diagnostics = Inputs.Compiler.Validate(workflows, "W", Inputs.CustomerAndBasket);

        var error = diagnostics.Should().ContainSingle().Subject;
        (error.RuleName, error.Field, error.Line, error.Column).Should().Be(("Typo", "Expression", 2, 10));
        error.Message.Should().Contain("Loyalty");
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once_and_a_syntax_error_points_at_itself()
    {
        var workflows = RulesDocument.Parse("""
            { "WorkflowName": "W", "Rules": [
              { "RuleName": "A", "Expression": "input1.Country ==" },
              { "RuleName": "B", "Expression": "input1.LoyaltyFactor + 1" },
              { "RuleName": "C", "Expression": "" },
              { "RuleName": "D", "Expression": "true", "Properties": { "Severity": "Fatal" } } ] }
            """);

        var diagnostics = Inputs.Compiler.Validate(workflows, "W", Inputs.CustomerAndBasket);

        diagnostics.Select(d => (d.RuleName, d.Field, d.Column)).Should().BeEquivalentTo(new[]
        {
            ("A", "Expression", 18), ("B", "Expression", 1), ("C", "Expression", 1), ("D", "Properties.Severity", 1),
        });
        diagnostics.Single(d => d.RuleName == "C").Message.Should().Contain("empty");
    }

    [Fact]
    public void Unknown_workflows_and_missing_injections_are_errors()
    {
        var workflows = RulesDocument.Parse("""{ "WorkflowName": "W", "WorkflowsToInject": [ "Missing" ], "Rules": [ { "RuleName": "R", "Expression": "true" } ] }""");

        var unknown = () => Inputs.Compiler.Compile(workflows, "Nope", Inputs.CustomerAndBasket);

        unknown.Should().Throw<UnknownWorkflowException>().WithMessage("*Nope*W*");
        Inputs.Compiler.Validate(workflows, "W", Inputs.CustomerAndBasket).Should().ContainSingle().Which.Message.Should().Contain("Missing");
    }

    [Fact]
    public void Members_and_inputs_are_matched_case_insensitively_only_when_unambiguous()
    {
        var workflow = Inputs.Compile("""
            { "WorkflowName": "W", "Rules": [ { "RuleName": "R", "Expression": "INPUT1.COUNTRY.toupper() == \"INDIA\" and Input1.purchases.any(p => p.amount > 200)" } ] }
            """);

        workflow.Execute(Inputs.Indian(), new Basket(1, 0m)).Single().IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void Json_inputs_get_types_from_their_shape_and_compile_once_per_shape()
    {
        var workflows = RulesDocument.Parse("""
            { "WorkflowName": "W", "Rules": [ { "RuleName": "R",
              "ErrorMessage": "$(order.symbol) is too big at $(order.qty)",
              "Expression": "order.qty * order.price < limits.maxNotional AND order.tags.Contains(\"ok\")" } ] }
            """);
        (IReadOnlyList<RuleInput>, object?[]) Bind(string order) =>
            JsonInputs.Bind([("order", JsonDocument.Parse(order).RootElement), ("limits", JsonDocument.Parse("""{ "maxNotional": 10000.50 }""").RootElement)]);

        var (inputs, small) = Bind("""{ "symbol": "AAPL", "qty": 10, "price": 150.25, "tags": ["ok"] }""");
        var (sameShape, big) = Bind("""{ "symbol": "MSFT", "qty": 1000, "price": 400.10, "tags": ["ok"] }""");
        var first = Inputs.Compiler.Compile(workflows, "W", inputs);

        first.Execute(small).Single().IsSuccess.Should().BeTrue();
        sameShape.Select(i => i.Type).Should().Equal(inputs.Select(i => i.Type));
        Inputs.Compiler.Compile(workflows, "W", sameShape).Should().BeSameAs(first);
        first.Execute(big).Single().ExceptionMessage.Should().Be("MSFT is too big at 1000");
    }
}
