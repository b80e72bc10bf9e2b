using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

public sealed class AccountApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Retrying_an_account_creation_with_the_same_terms_answers_200_and_leaves_the_owner_granted()
    {
        using var admin = await factory.ClientForAsync("admin");
        var body = new { id = "retry-acct", name = "Retry", type = "Cash", initialCash = 500m, owner = "developer" };

        (await admin.PostAsJsonAsync("/api/accounts", body)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.DeleteAsync("/api/accounts/retry-acct/grants/developer")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var retried = await (await admin.PostAsJsonAsync("/api/accounts", body)).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        retried.GetProperty("account").GetString().Should().Be("retry-acct");
        var owner = await (await admin.GetAsync("/api/users/developer")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        owner.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()).Should().Contain("retry-acct");
    }

    [Fact]
    public async Task An_admin_pages_through_every_account_in_id_order()
    {
        var created = new List<string>();
        for (var i = 0; i < 4; i++) created.Add(await factory.CreateAccountAsync(1_000m, owner: i % 2 == 0 ? "trader" : "developer"));
        using var admin = await factory.ClientForAsync("admin");

        var listed = new List<string>();
        string? after = null;
        do
        {
            var url = after is null ? "/api/accounts?limit=2" : $"/api/accounts?limit=2&after={after}";
            var page = await (await admin.GetAsync(url)).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
            var ids = page.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account").GetString()!).ToList();
            ids.Should().HaveCountLessThanOrEqualTo(2);
            listed.AddRange(ids);
            after = page.GetProperty("next").GetString();
            if (after is not null) after.Should().Be(ids[^1]);
        }
        while (after is not null);

        listed.Should().BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
        listed.Should().Contain(created).And.Contain(Demo.Account);
    }
}
