using System.Globalization;
using System.Text;

namespace SmartTrader.Server.Bench;

public sealed record BenchOrder(string Symbol, string Side, decimal Quantity, decimal Price, decimal Notional);

public sealed record BenchAccount(decimal Cash, decimal Equity, decimal GrossExposure, int OrdersLastSecond);

/// <summary>
/// Generated workflows of any size for the compile and throughput figures: a rotation of the rule shapes risk
/// limits take (bounds, cross-input arithmetic, string tests, iif, nested Or, templated messages). Every rule
/// passes for <see cref="Order"/> and <see cref="Account"/>; <paramref name="salt"/> changes constants so each
/// call yields new content that the compile cache has not seen.
/// </summary>
public static class SyntheticRules
{
    public static readonly BenchOrder Order = new("AAPL", "Buy", 100m, 150m, 15_000m);

    public static readonly BenchAccount Account = new(1_000_000m, 2_000_000m, 500_000m, 3);

    public static string Workflow(string name, int rules, int salt)
    {
        var json = new StringBuilder($$"""{ "WorkflowName": "{{name}}", "GlobalParams": [ { "Name": "equityLimit", "Expression": "account.Equity * 0.5" } ], "Rules": [""");
        for (var i = 0; i < rules; i++)
        {
            if (i > 0) json.Append(',');
            var limit = (100_000 + i * 7 + salt).ToString(CultureInfo.InvariantCulture);
            json.Append(Rule(i, limit));
        }
        return json.Append("] }").ToString();
    }

    private static string Rule(int i, string limit) => (i % 6) switch
    {
        0 => $$"""{ "RuleName": "MaxQuantity{{i}}", "Expression": "order.Quantity <= {{limit}}", "ErrorMessage": "Quantity $(order.Quantity) above {{limit}}" }""",
        1 => $$"""{ "RuleName": "Notional{{i}}", "Expression": "order.Notional < equityLimit + {{limit}}", "Properties": { "Severity": "Warn" } }""",
        2 => $$"""{ "RuleName": "NotSymbol{{i}}", "Expression": "order.Symbol != \"SYM{{limit}}\"", "ErrorMessage": "$(order.Symbol) is restricted" }""",
        3 => $$"""{ "RuleName": "Cash{{i}}", "Expression": "account.Cash - iif(order.Side == \"Buy\", order.Notional, 0) > -{{limit}}" }""",
        4 => $$"""{ "RuleName": "Rate{{i}}", "Expression": "account.OrdersLastSecond < 1000 AND account.GrossExposure + order.Notional <= account.Equity * 2 + {{limit}}" }""",
        _ => $$"""{ "RuleName": "Either{{i}}", "Operator": "OrElse", "Rules": [ { "RuleName": "Sell{{i}}", "Expression": "order.Side == \"Sell\"" }, { "RuleName": "Small{{i}}", "Expression": "order.Price * order.Quantity <= {{limit}}" } ] }""",
    };
}
