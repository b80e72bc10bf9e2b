using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

/// <summary>
/// Validate and test-run compile the rules: apart from the checks made before compiling, these need the rules compiler
/// and fail with NotImplementedException (a 500) until it lands.
/// </summary>
public sealed class RulesetCheckApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private static readonly object Samples = new { order = new { symbol = "AAPL", quantity = 10 } };

    [Fact]
    public async Task Without_schema_or_samples_only_the_document_is_checked()
    {
        var name = Rulesets.NewName();
        using var compliance = await factory.ClientForAsync("compliance");
        await compliance.CreateDraftAsync(name);

        var result = await (await compliance.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/validate", new { })).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        result.GetProperty("valid").GetBoolean().Should().BeTrue();
        result.GetProperty("checkedAgainst").GetString().Should().Be("document");
    }

    [Fact]
    public async Task A_test_run_names_a_workflow_of_the_version()
    {
        var name = Rulesets.NewName();
        using var compliance = await factory.ClientForAsync("compliance");
        await compliance.CreateDraftAsync(name);

        await (await compliance.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/test", new { workflow = "Nope", inputs = Samples }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "no workflow 'Nope'");
        await (await compliance.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/test", new { inputs = Samples }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "workflow is required");
    }

    [Fact]
    public async Task Validating_against_samples_lists_each_problem_with_field_line_and_column()
    {
        var name = Rulesets.NewName();
        using var compliance = await factory.ClientForAsync("compliance");
        await compliance.CreateDraftAsync(name, """{ "WorkflowName": "Orders", "Rules": [ { "RuleName": "Max", "Expression": "order.Qty <= 10" } ] }""");

        var result = await (await compliance.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/validate", new { inputs = Samples }))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        result.GetProperty("valid").GetBoolean().Should().BeFalse();
        result.GetProperty("checkedAgainst").GetString().Should().Be("samples");
        var problem = result.GetProperty("diagnostics")[0];
        problem.GetProperty("ruleName").GetString().Should().Be("Max");
        problem.GetProperty("field").GetString().Should().Be("Expression");
        problem.GetProperty("line").GetInt32().Should().Be(1);
        problem.GetProperty("column").GetInt32().Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task Valid_rules_validate_against_samples()
    {
        var name = Rulesets.NewName();
        using var compliance = await factory.ClientForAsync("compliance");
        await compliance.CreateDraftAsync(name);

        var result = await (await compliance.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/validate", new { inputs = Samples }))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        result.GetProperty("valid").GetBoolean().Should().BeTrue();
        result.GetProperty("diagnostics").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_test_run_returns_each_rules_result_tree()
    {
        var name = Rulesets.NewName();
        using var compliance = await factory.ClientForAsync("compliance");
        await compliance.CreateDraftAsync(name, Rulesets.Document(5));

        var run = await (await compliance.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/test", new { workflow = "Orders", inputs = Samples }))
            .ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        run.GetProperty("allPassed").GetBoolean().Should().BeFalse();
        var rule = run.GetProperty("results").EnumerateArray().Should().ContainSingle().Subject;
        rule.GetProperty("ruleName").GetString().Should().Be("MaxQuantity");
        rule.GetProperty("isSuccess").GetBoolean().Should().BeFalse();
        rule.GetProperty("severity").GetString().Should().Be("Block");
        rule.GetProperty("exceptionMessage").GetString().Should().Contain("At most 5 shares");
    }

    [Fact]
    public async Task A_test_run_of_rules_that_do_not_compile_is_a_422_with_diagnostics()
    {
        var name = Rulesets.NewName();
        using var compliance = await factory.ClientForAsync("compliance");
        await compliance.CreateDraftAsync(name, """{ "WorkflowName": "Orders", "Rules": [ { "RuleName": "Max", "Expression": "order.Qty <= 10" } ] }""");

        var problem = await (await compliance.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/test", new { workflow = "Orders", inputs = Samples }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("diagnostics")[0].GetProperty("ruleName").GetString().Should().Be("Max");
    }
}
