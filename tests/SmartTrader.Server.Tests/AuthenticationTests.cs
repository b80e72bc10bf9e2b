using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartTrader.Server.Identity;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

public sealed class AuthenticationTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Bearer_sign_in_identifies_the_user_with_roles_and_grants()
    {
        using var trader = await factory.ClientForAsync("trader");

        var me = await (await trader.GetAsync("/api/auth/me")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        me.GetProperty("userName").GetString().Should().Be("trader");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("trader");
        me.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()).Should().Contain(Demo.Account);
    }

    [Fact]
    public async Task Cookie_sign_in_sets_an_http_only_strict_cookie_that_authenticates()
    {
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        using var response = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { userName = "compliance", password = Demo.PasswordOf("compliance") });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("smarttrader.auth=", StringComparison.Ordinal));
        cookie.Should().ContainEquivalentOf("httponly").And.ContainEquivalentOf("samesite=strict");
        var me = await (await browser.GetAsync("/api/auth/me")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        me.GetProperty("userName").GetString().Should().Be("compliance");
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401()
    {
        using var http = factory.CreateClient();

        var wrong = await http.PostAsJsonAsync("/api/auth/login", new { userName = "trader", password = "not-the-password" });
        var unknown = await http.PostAsJsonAsync("/api/auth/login", new { userName = "nobody", password = "whatever-password" });

        await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid user name or password");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid user name or password");
    }

    [Fact]
    public void Bearer_tokens_are_opened_through_the_silos_copy_of_opened_tokens()
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme);

        options.BearerTokenProtector.Should().BeOfType<OpenedBearerTokens>();
    }

    /// <summary>The token is opened from the copy after its first use, so this also shows the copy decides nothing.</summary>
    [Fact]
    public async Task Logout_ends_the_bearer_session()
    {
        using var developer = await factory.ClientForAsync("developer");
        (await developer.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await developer.PostAsync("/api/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await developer.GetAsync("/api/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "sign in");
    }

    [Fact]
    public async Task A_disabled_user_loses_access_at_once_and_cannot_sign_in()
    {
        using var admin = await factory.ClientForAsync("admin");
        var name = "temp" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "a-long-enough-password", roles = new[] { "developer" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        using var user = await factory.ClientForAsync(name, "a-long-enough-password");

        (await admin.PutAsJsonAsync($"/api/users/{name}/disabled", new { disabled = true })).StatusCode.Should().Be(HttpStatusCode.OK);

        await (await user.GetAsync("/api/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = name, password = "a-long-enough-password" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid user name or password");
    }

    [Fact]
    public async Task A_garbage_bearer_token_is_401()
    {
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        await (await http.GetAsync("/api/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class LoginRateLimitTests : IDisposable
{
    private readonly ServerFactory _factory = new LimitedLoginFactory();

    [Fact]
    public async Task Too_many_sign_in_attempts_get_429_problem_details()
    {
        using var http = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
            (await http.PostAsJsonAsync("/api/auth/login", new { userName = "trader", password = "wrong-password" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var limited = await http.PostAsJsonAsync("/api/auth/login", new { userName = "trader", password = Demo.PasswordOf("trader") });

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "wait");
    }

    public void Dispose() => _factory.Dispose();

    private sealed class LimitedLoginFactory() : ServerFactory(new Dictionary<string, string> { ["SmartTrader:Auth:LoginAttemptsPerMinute"] = "3" });
}
