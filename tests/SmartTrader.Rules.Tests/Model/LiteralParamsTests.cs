using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Tests.Model;

public class LiteralParamsTests
{
    [Theory]
    [InlineData("\"Traditional\"", "Traditional")]
    [InlineData("  \"2026-06-04\" ", "2026-06-04")]
    [InlineData("'Legacy'", "Legacy")]
    [InlineData("\"a \\\"quoted\\\" word\"", "a \"quoted\" word")]
    public void A_string_literal_is_a_setting(string expression, string value) =>
        LiteralParams.ValueOf(expression).Should().Be(value);

    [Theory]
    [InlineData("\"a\" + \"b\"")]
    [InlineData("order.Side")]
    [InlineData("42")]
    [InlineData("\"unterminated")]
    [InlineData("'a' == 'b'")]
    [InlineData("")]
    public void Anything_else_is_not(string expression) =>
        LiteralParams.ValueOf(expression).Should().BeNull();

    [Fact]
    public void Reads_the_literal_params_of_every_workflow_and_the_first_definition_wins()
    {
        Workflow W(string name, params (string Name, string Expression)[] globals) => new()
        {
            WorkflowName = name,
            GlobalParams = [.. globals.Select(g => new ScopedParam { Name = g.Name, Expression = g.Expression })],
        };

        var values = LiteralParams.Read([W("a", ("counting", "\"DirectionChange\""), ("limit", "order.Quantity * 2")), W("b", ("counting", "\"Traditional\""), ("regime", "'Legacy'"))]);

        values.Should().BeEquivalentTo(new Dictionary<string, string> { ["counting"] = "DirectionChange", ["regime"] = "Legacy" });
    }
}
