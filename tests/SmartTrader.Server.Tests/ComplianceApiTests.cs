using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

public sealed class ComplianceApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task An_accounts_compliance_status_counts_its_day_trades_and_values_its_margin()
    {
        var account = await factory.CreateAccountAsync(30_000m, type: "Margin");
        await factory.PublishQuoteAsync("MSFT", 100m);
        using var trader = await factory.ClientForAsync("trader");
        foreach (var (id, side) in new[] { ("dt-buy", "Buy"), ("dt-sell", "Sell"), ("held", "Buy") })
            (await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", Orders.Market(id, "MSFT", side, 10))).StatusCode.Should().Be(HttpStatusCode.Created);

        var status = await (await trader.GetAsync($"/api/accounts/{account}/compliance")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        var dayTrading = status.GetProperty("dayTrading");
        dayTrading.GetProperty("applicable").GetBoolean().Should().BeTrue();
        dayTrading.GetProperty("dayTradesInWindow").GetInt32().Should().Be(1);
        dayTrading.GetProperty("tradesInWindow").GetInt32().Should().Be(3);
        dayTrading.GetProperty("patternDayTrader").GetBoolean().Should().BeFalse();
        DateOnly.Parse(dayTrading.GetProperty("windowStart").GetString()!).Should().BeBefore(DateOnly.Parse(dayTrading.GetProperty("windowEnd").GetString()!));
        var margin = status.GetProperty("margin");
        margin.GetProperty("maintenanceRequirement").GetDecimal().Should().Be(250m); // 25% of 10 MSFT marked at the last price, 100
        margin.GetProperty("deficit").GetDecimal().Should().Be(0m);
    }

    [Fact]
    public async Task A_user_without_access_to_the_account_is_refused()
    {
        var account = await factory.CreateAccountAsync(1_000m, owner: "trader");
        using var developer = await factory.ClientForAsync("developer");

        (await developer.GetAsync($"/api/accounts/{account}/compliance")).StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }
}
