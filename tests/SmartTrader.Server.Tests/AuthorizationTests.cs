using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

public sealed class AuthorizationTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/api/auth/me" },
        { "POST", "/api/auth/logout" },
        { "GET", "/api/users" },
        { "POST", "/api/users" },
        { "GET", "/api/users/trader" },
        { "PUT", "/api/users/trader/disabled" },
        { "POST", "/api/accounts" },
        { "POST", "/api/accounts/demo/grants" },
        { "DELETE", "/api/accounts/demo/grants/trader" },
        { "GET", "/api/accounts" },
        { "GET", "/api/accounts/demo" },
        { "GET", "/api/accounts/demo/portfolio" },
        { "GET", "/api/accounts/demo/equity" },
        { "POST", "/api/accounts/demo/orders" },
        { "GET", "/api/accounts/demo/orders" },
        { "GET", "/api/accounts/demo/orders/demo.0123456789abcdef0123" },
        { "POST", "/api/accounts/demo/orders/demo.0123456789abcdef0123/cancel" },
        { "GET", "/api/accounts/demo/fills" },
        { "GET", "/api/symbols" },
        { "GET", "/api/symbols/AAPL/quote" },
        { "GET", "/api/symbols/AAPL/bars" },
        { "POST", "/hubs/trading/negotiate?negotiateVersion=1" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Anonymous_callers_get_401_problem_details(string method, string path)
    {
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };

        await (await http.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "sign in");
    }

    [Theory]
    [InlineData("GET", "/api/users")]
    [InlineData("POST", "/api/users")]
    [InlineData("GET", "/api/users/admin")]
    [InlineData("PUT", "/api/users/admin/disabled")]
    [InlineData("POST", "/api/accounts")]
    [InlineData("POST", "/api/accounts/demo/grants")]
    [InlineData("DELETE", "/api/accounts/demo/grants/trader")]
    public async Task A_trader_cannot_reach_admin_endpoints(string method, string path)
    {
        using var trader = await factory.ClientForAsync("trader");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { userName = "trader" }) };

        await (await trader.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_trader_cannot_see_or_trade_another_users_account()
    {
        var other = await factory.CreateAccountAsync(10_000m, owner: "developer");
        using var trader = await factory.ClientForAsync("trader");

        await (await trader.GetAsync($"/api/accounts/{other}/portfolio")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, other);
        await (await trader.GetAsync($"/api/accounts/{other}/orders")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, other);
        await (await trader.PostAsJsonAsync($"/api/accounts/{other}/orders", Orders.Market(Orders.NewClientOrderId())))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, other);
        var visible = await (await trader.GetAsync("/api/accounts")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        visible.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account").GetString()).Should().Contain(Demo.Account).And.NotContain(other);
        visible.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Compliance_can_view_any_account_but_not_trade()
    {
        using var compliance = await factory.ClientForAsync("compliance");

        (await compliance.GetAsync($"/api/accounts/{Demo.Account}/portfolio")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await compliance.GetAsync($"/api/accounts/{Demo.Account}/orders")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await compliance.GetAsync($"/api/accounts/{Demo.Account}/fills")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await compliance.PostAsJsonAsync($"/api/accounts/{Demo.Account}/orders", Orders.Market(Orders.NewClientOrderId())))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "trader role");
        await (await compliance.PostAsync($"/api/accounts/{Demo.Account}/orders/{Demo.Account}.00000000000000000000/cancel", null))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "trader role");
    }

    [Fact]
    public async Task A_revoked_grant_takes_effect_on_the_next_request()
    {
        var account = await factory.CreateAccountAsync(5_000m, owner: "trader");
        using var trader = await factory.ClientForAsync("trader");
        using var admin = await factory.ClientForAsync("admin");
        (await trader.GetAsync($"/api/accounts/{account}")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await admin.DeleteAsync($"/api/accounts/{account}/grants/trader")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await trader.GetAsync($"/api/accounts/{account}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_developer_role_sees_no_account()
    {
        using var developer = await factory.ClientForAsync("developer");

        await (await developer.GetAsync($"/api/accounts/{Demo.Account}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
