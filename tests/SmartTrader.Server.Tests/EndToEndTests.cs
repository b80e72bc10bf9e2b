using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;
using SmartTrader.TestSupport;

namespace SmartTrader.Server.Tests;

/// <summary>The real server process over real HTTP: the embedded default, as a user starts it.</summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void The_server_binary_is_copied_next_to_the_tests()
    {
        File.Exists(ServerProcess.ServerDll).Should().BeTrue();
        File.Exists(Path.ChangeExtension(ServerProcess.ServerDll, ".runtimeconfig.json")).Should().BeTrue();
    }

    [Fact]
    public async Task The_demo_trader_signs_in_places_orders_and_reads_them_back()
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        await using var server = ServerProcess.Start(["serve", "--urls", baseAddress.ToString().TrimEnd('/'), "--data-dir", _scratch.Path]);
        await server.WaitUntilReadyAsync(baseAddress, TimeSpan.FromSeconds(90));
        server.Output.Should().Contain("trader").And.Contain(Demo.PasswordOf("trader"));

        using var http = await HttpExtensions.SignedInClientAsync(baseAddress, "trader");
        await http.WaitForQuoteAsync("AAPL");

        var placed = new List<string>();
        foreach (var clientOrderId in new[] { "e2e-1", "e2e-2" })
        {
            using var response = await http.PostAsJsonAsync($"/api/accounts/{Demo.Account}/orders", Orders.Market(clientOrderId, "AAPL", quantity: 1));
            var order = await response.ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
            placed.Add(order.GetProperty("orderId").GetString()!);
        }

        var page = await (await http.GetAsync($"/api/accounts/{Demo.Account}/orders")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        page.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).Should().BeEquivalentTo(placed);
        foreach (var orderId in placed)
            (await http.GetAsync($"/api/accounts/{Demo.Account}/orders/{orderId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        Directory.GetFiles(Path.Combine(_scratch.Path, "logs"), "*.json").Should().NotBeEmpty();
    }

    public void Dispose() => _scratch.Dispose();
}
