using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

public sealed class RulesetApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/rulesets" },
        { "GET", "/api/rulesets/limits" },
        { "GET", "/api/rulesets/limits/versions/1" },
        { "POST", "/api/rulesets/limits/versions" },
        { "PUT", "/api/rulesets/limits/versions/1" },
        { "POST", "/api/rulesets/limits/versions/1/validate" },
        { "POST", "/api/rulesets/limits/versions/1/test" },
        { "POST", "/api/rulesets/limits/versions/1/submit" },
        { "POST", "/api/rulesets/limits/versions/1/approve" },
        { "POST", "/api/rulesets/limits/versions/1/reject" },
        { "POST", "/api/rulesets/limits/versions/1/activate" },
        { "POST", "/api/rulesets/limits/rollback" },
        { "GET", "/api/rulesets/limits/history" },
        { "GET", "/api/rulesets/limits/diff?from=1&to=2" },
    };

    public static TheoryData<string, string> Changes => new()
    {
        { "POST", "/api/rulesets/limits/versions" },
        { "PUT", "/api/rulesets/limits/versions/1" },
        { "POST", "/api/rulesets/limits/versions/1/submit" },
        { "POST", "/api/rulesets/limits/versions/1/approve" },
        { "POST", "/api/rulesets/limits/versions/1/reject" },
        { "POST", "/api/rulesets/limits/versions/1/activate" },
        { "POST", "/api/rulesets/limits/rollback" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Anonymous_callers_get_401(string method, string path)
    {
        using var http = factory.CreateClient();

        await (await http.SendAsync(Request(method, path))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "sign in");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_trader_gets_403_everywhere(string method, string path)
    {
        using var trader = await factory.ClientForAsync("trader");

        await (await trader.SendAsync(Request(method, path))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("developer")]
    public async Task Admin_and_developers_read_but_only_compliance_changes(string user)
    {
        var name = Rulesets.NewName();
        using var compliance = await factory.ClientForAsync("compliance");
        await compliance.CreateDraftAsync(name);
        using var reader = await factory.ClientForAsync(user);

        (await reader.GetAsync("/api/rulesets")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.GetAsync($"/api/rulesets/{name}/versions/1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.GetAsync($"/api/rulesets/{name}/history")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var (method, path) in Changes.Select(row => ((string)row[0], ((string)row[1]).Replace("limits", name))))
            await (await reader.SendAsync(Request(method, path))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_ruleset_goes_from_draft_to_active_with_four_eyes_and_rolls_back()
    {
        var name = Rulesets.NewName();
        using var author = await factory.ClientForAsync("compliance");
        using var reviewer = await factory.ClientForAsync("compliance2");

        using var created = await author.PostJsonTextAsync($"/api/rulesets/{name}/versions", Rulesets.Document(1000));
        var draft = await created.ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be($"/api/rulesets/{name}/versions/1");
        draft.GetProperty("version").Status().Should().Be("Draft");
        draft.GetProperty("content")[0].GetProperty("Rules")[0].GetProperty("Expression").GetString().Should().Be("order.Quantity <= 1000");

        (await author.ActAsync(name, 1, "submit")).Status().Should().Be("Submitted");
        await (await author.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/approve", new { }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "four-eyes");
        var approved = await reviewer.ActAsync(name, 1, "approve", new { comment = "Matches POL-7." });
        approved.Status().Should().Be("Approved");
        approved.GetProperty("approvedBy").GetString().Should().Be("compliance2");
        (await author.ActAsync(name, 1, "activate")).Status().Should().Be("Active");

        using var copied = await author.PostAsync($"/api/rulesets/{name}/versions?copyOf=1", null);
        (await copied.ShouldBeAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("version").GetProperty("copiedFrom").GetInt32().Should().Be(1);
        using var updated = await author.PutAsync($"/api/rulesets/{name}/versions/2", Json(Rulesets.Document(500)));
        (await updated.ShouldBeAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("content")[0].GetProperty("Rules")[0]
            .GetProperty("Expression").GetString().Should().Be("order.Quantity <= 500");
        await author.ActAsync(name, 2, "submit");
        await reviewer.ActAsync(name, 2, "approve");
        await reviewer.ActAsync(name, 2, "activate", new { reason = "Tighter limit from Monday." });

        var ruleset = await (await author.GetAsync($"/api/rulesets/{name}")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        ruleset.GetProperty("activeVersion").GetInt32().Should().Be(2);
        ruleset.GetProperty("versions")[0].Status().Should().Be("Retired");

        using var rolledBack = await author.PostAsJsonAsync($"/api/rulesets/{name}/rollback", new { reason = "500 blocks real orders" });
        (await rolledBack.ShouldBeAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("number").GetInt32().Should().Be(1);
        var after = await (await reviewer.GetAsync($"/api/rulesets/{name}")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        after.GetProperty("activeVersion").GetInt32().Should().Be(1);
        after.GetProperty("latestVersion").GetInt32().Should().Be(2);
        after.GetProperty("versions").EnumerateArray().Select(v => v.Status()).Should().Equal("Active", "Retired");

        var listed = await (await reviewer.GetAsync("/api/rulesets?limit=500")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        var summary = listed.GetProperty("rulesets").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);
        summary.GetProperty("activeVersion").GetInt32().Should().Be(1);
        summary.GetProperty("versions").EnumerateArray().Select(v => v.Status()).Should().Equal("Active", "Retired");
    }

    [Fact]
    public async Task History_is_newest_first_and_pages_with_before()
    {
        var name = Rulesets.NewName();
        using var author = await factory.ClientForAsync("compliance");
        using var reviewer = await factory.ClientForAsync("compliance2");
        await author.CreateDraftAsync(name);
        await author.PutAsync($"/api/rulesets/{name}/versions/1", Json(Rulesets.Document(10)));
        await author.ActAsync(name, 1, "submit");
        await reviewer.ActAsync(name, 1, "reject", new { reason = "Cite the policy." });

        var first = await (await author.GetAsync($"/api/rulesets/{name}/history?limit=2")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        var next = first.GetProperty("next").GetInt64();
        var second = await (await author.GetAsync($"/api/rulesets/{name}/history?limit=2&before={next}")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        var entries = first.GetProperty("entries").EnumerateArray().Concat(second.GetProperty("entries").EnumerateArray()).ToList();
        entries.Select(e => e.GetProperty("action").GetString()).Should().Equal("Rejected", "Submitted", "Updated", "Created");
        entries.Select(e => e.GetProperty("sequence").GetInt64()).Should().Equal(4, 3, 2, 1);
        entries[0].GetProperty("actor").GetString().Should().Be("compliance2");
        entries[0].GetProperty("reason").GetString().Should().Be("Cite the policy.");
        entries[2].GetProperty("changes").EnumerateArray().Select(c => c.GetString()).Should().Equal("Orders/MaxQuantity: Expression, ErrorMessage changed");
        second.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_diff_of_two_versions_lists_each_change_with_before_and_after()
    {
        var name = Rulesets.NewName();
        using var author = await factory.ClientForAsync("compliance");
        await author.CreateDraftAsync(name, Rulesets.Document(1000));
        await author.CreateDraftAsync(name, """
            [ { "WorkflowName": "Orders",
                "Rules": [ { "RuleName": "MaxQuantity", "Expression": "order.Quantity <= 500",
                             "ErrorMessage": "At most 1000 shares per order.", "Properties": { "Severity": "Warn" } },
                           { "RuleName": "NoPennyStocks", "Expression": "quote.Last >= 1" } ] } ]
            """);

        var diff = await (await author.GetAsync($"/api/rulesets/{name}/diff?from=1&to=2")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        diff.GetProperty("summary").EnumerateArray().Select(s => s.GetString()).Should().Equal(
            "Orders/MaxQuantity: Expression, Properties.Severity changed", "Orders/NoPennyStocks: rule added");
        var changed = diff.GetProperty("workflows")[0].GetProperty("rules")[0];
        changed.GetProperty("kind").GetString().Should().Be("Changed");
        var expression = changed.GetProperty("fields")[0];
        expression.GetProperty("field").GetString().Should().Be("Expression");
        expression.GetProperty("before").GetString().Should().Be("order.Quantity <= 1000");
        expression.GetProperty("after").GetString().Should().Be("order.Quantity <= 500");
        await (await author.GetAsync($"/api/rulesets/{name}/diff?from=1&to=9")).ShouldBeAsync<JsonElement>(HttpStatusCode.NotFound);
        await (await author.GetAsync($"/api/rulesets/{name}/diff?from=1")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "to");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_naming_line_and_column()
    {
        using var author = await factory.ClientForAsync("compliance");

        using var response = await author.PostJsonTextAsync($"/api/rulesets/{Rulesets.NewName()}/versions",
            "[ { \"WorkflowName\": \"Orders\",\n    \"Rules\": [ { \"RuleName\": , } ] } ]");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "line 2");
        problem.GetProperty("line").GetInt32().Should().Be(2);
        problem.GetProperty("column").GetInt32().Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task Refusals_are_problem_details_with_the_right_status()
    {
        var name = Rulesets.NewName();
        using var author = await factory.ClientForAsync("compliance");
        using var reviewer = await factory.ClientForAsync("compliance2");

        await (await author.GetAsync($"/api/rulesets/{name}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, name);
        await (await author.GetAsync($"/api/rulesets/{name}/history")).ShouldBeProblemAsync(HttpStatusCode.NotFound, name);
        await (await author.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/submit", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "no version 1");
        await author.CreateDraftAsync(name);
        await (await author.GetAsync($"/api/rulesets/{name}/versions/2")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "no version 2");
        await (await author.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/activate", new { }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "draft", "only an approved or retired version");
        await (await author.PostAsJsonAsync($"/api/rulesets/{name}/rollback", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "no active version");
        await author.ActAsync(name, 1, "submit");
        await (await author.PutAsync($"/api/rulesets/{name}/versions/1", Json(Rulesets.Document(5))))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "only a draft version can be updated");
        await (await reviewer.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/reject", new { reason = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await reviewer.PostAsJsonAsync($"/api/rulesets/{name}/versions/1/reject", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await author.GetAsync("/api/rulesets/bad%20name")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "ruleset name");
        await (await author.PostAsync($"/api/rulesets/{name}/versions", new StringContent(Rulesets.Document(), Encoding.UTF8, "text/plain")))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "application/json");
        await (await author.PostJsonTextAsync($"/api/rulesets/{name}/versions", "[]")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "at least one workflow");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_ruleset_routes_and_the_rules_document_body()
    {
        using var http = factory.CreateClient();

        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        paths.TryGetProperty("/api/rulesets/{name}/versions/{version}/approve", out _).Should().BeTrue();
        paths.TryGetProperty("/api/rulesets/{name}/rollback", out _).Should().BeTrue();
        var create = paths.GetProperty("/api/rulesets/{name}/versions").GetProperty("post");
        create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetRawText().Should().Contain("Workflow");
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = Json(Rulesets.Document()) };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
