using System.Net;
using System.Net.Http.Json;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

/// <summary>The SignalR hub over a real WebSocket: quotes for subscribers, order updates only for accounts the user may view.</summary>
public sealed class RealtimeTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task A_trader_receives_quotes_and_their_accounts_orders_but_not_another_users_account()
    {
        using var http = factory.CreateClient();
        var token = await http.SignInAsync("trader");
        var othersAccount = await factory.CreateAccountAsync(1_000m, owner: "developer");
        await using var hub = await RawHubClient.ConnectAsync(factory.Server, "/hubs/trading", token);

        (await hub.InvokeAsync("SubscribeQuotes", (object)new[] { "AAPL" })).Should().BeNull();
        (await hub.InvokeAsync("SubscribeAccount", Demo.Account)).Should().BeNull();
        (await hub.InvokeAsync("SubscribeAccount", othersAccount)).Should().Contain("no access");

        await factory.PublishQuoteAsync("AAPL", 180m);
        (await hub.NextPushAsync("quote", q => q["symbol"]?.GetValue<string>() == "AAPL"))["last"]!.GetValue<decimal>().Should().Be(180m);

        using var trader = await factory.ClientForAsync("trader");
        var clientOrderId = Orders.NewClientOrderId();
        (await trader.PostAsJsonAsync($"/api/accounts/{Demo.Account}/orders", Orders.Market(clientOrderId, quantity: 1))).StatusCode.Should().Be(HttpStatusCode.Created);
        var order = await hub.NextPushAsync("order", o => o["clientOrderId"]?.GetValue<string>() == clientOrderId);
        order["account"]!.GetValue<string>().Should().Be(Demo.Account);
    }

    [Fact]
    public async Task Anonymous_connections_are_refused()
    {
        var connect = () => RawHubClient.ConnectAsync(factory.Server, "/hubs/trading", "not-a-token");
        await connect.Should().ThrowAsync<Exception>().WithMessage("*401*");
    }
}
