using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SmartTrader.Server.Tests.Support;

/// <summary>Rules documents and ruleset calls the ruleset API tests share.</summary>
public static class Rulesets
{
    /// <summary>A rules document with one rule whose quantity limit is <paramref name="limit"/>.</summary>
    public static string Document(int limit = 1000) => $$"""
        [ { "WorkflowName": "Orders",
            "Rules": [ { "RuleName": "MaxQuantity", "Expression": "order.Quantity <= {{limit}}",
                         "ErrorMessage": "At most {{limit}} shares per order.", "Properties": { "Severity": "Block" } } ] } ]
        """;

    public static string NewName() => "rs-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Creates a draft (201) and returns its version number.</summary>
    public static async Task<int> CreateDraftAsync(this HttpClient http, string ruleset, string? document = null)
    {
        using var response = await http.PostJsonTextAsync($"/api/rulesets/{ruleset}/versions", document ?? Document());
        var view = await response.ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        return view.GetProperty("version").GetProperty("number").GetInt32();
    }

    /// <summary>POSTs a governance action and expects 200; returns the version header.</summary>
    public static async Task<JsonElement> ActAsync(this HttpClient http, string ruleset, int version, string action, object? body = null)
    {
        using var response = await http.PostAsJsonAsync($"/api/rulesets/{ruleset}/versions/{version}/{action}", body ?? new { });
        return await response.ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
    }

    public static string Status(this JsonElement version) => version.GetProperty("status").GetString()!;
}
