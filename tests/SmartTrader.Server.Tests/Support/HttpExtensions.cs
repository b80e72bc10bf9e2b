using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SmartTrader.Server.Tests.Support;

public static class HttpExtensions
{
    public static async Task<string> SignInAsync(this HttpClient http, string user, string? password = null)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = password ?? Demo.PasswordOf(user) });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        return token.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A client that sends a bearer token for <paramref name="user"/>.</summary>
    public static async Task<HttpClient> ClientForAsync<T>(this WebApplicationFactory<T> factory, string user, string? password = null) where T : class
    {
        var http = factory.CreateClient();
        var token = await http.SignInAsync(user, password);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A client of a server process, signed in with a bearer token.</summary>
    public static async Task<HttpClient> SignedInClientAsync(Uri baseAddress, string user, string? password = null)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await http.SignInAsync(user, password));
        return http;
    }

    /// <summary>Every fill of the account, oldest first, following the pages' <c>next</c>.</summary>
    public static async Task<IReadOnlyList<JsonElement>> AllFillsAsync(this HttpClient http, string account)
    {
        var fills = new List<JsonElement>();
        string? next = null;
        do
        {
            var path = $"/api/accounts/{account}/fills" + (next is null ? "" : $"?after={Uri.EscapeDataString(next)}");
            using var response = await http.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            fills.AddRange(page.GetProperty("fills").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);
        return fills;
    }

    /// <summary>The simulated feed publishes the first quotes shortly after start.</summary>
    public static async Task WaitForQuoteAsync(this HttpClient http, string symbol)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await http.GetAsync($"/api/symbols/{symbol}/quote");
            if (response.IsSuccessStatusCode) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No quote for {symbol} arrived.");
    }

    public static Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Asserts an RFC 7807 answer with the status, a correlation id, and a detail mentioning each fragment.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] detailFragments)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("correlationId").GetString().Should().NotBeNullOrEmpty();
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        detail.Should().NotBeNullOrWhiteSpace(body);
        foreach (var fragment in detailFragments) detail.Should().ContainEquivalentOf(fragment);
        body.Should().NotContainAny("   at ", "Exception", ".cs:line");
        return problem;
    }

    public static async Task<T> ShouldBeAsync<T>(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>Every order of the account, following the listing's pages to the end.</summary>
    public static async Task<List<JsonElement>> ListAllOrdersAsync(this HttpClient http, string account)
    {
        var orders = new List<JsonElement>();
        string? after = null;
        do
        {
            var path = $"/api/accounts/{account}/orders?limit=500" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var page = await (await http.GetAsync(path)).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
            orders.AddRange(page.GetProperty("orders").EnumerateArray());
            after = page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (after is not null);
        return orders;
    }
}
