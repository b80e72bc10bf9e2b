using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SmartTrader.Compliance.Margin;

namespace SmartTrader.Server.ComplianceCli;

/// <summary>`compliance check` output: the decision and its facts, as text or as one JSON document.</summary>
internal static class CheckOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // for people and scripts reading a terminal, not a web page: § stays §
    };

    public static string Json(ComplianceCheckReport report)
    {
        var d = report.DayTrading;
        return JsonSerializer.Serialize(new
        {
            decision = report.Decision,
            dayTradesInWindow = d.DayTradesInWindow,
            windowStart = d.WindowStart,
            windowEnd = d.WindowEnd,
            wouldBeDayTrade = d.WouldBeDayTrade,
            patternDayTrader = d.PatternDayTrader,
            washSale = report.WashSale,
            ruleResults = report.Rules.Select(r => new
            {
                name = r.Name,
                severity = r.Severity.ToString(),
                passed = r.Passed,
                message = r.Message,
                reference = r.Reference,
            }),
            regime = d.Regime,
            counting = d.Counting,
            regimeSetting = new
            {
                regime = report.Settings.Regime.Regime.ToString(),
                effectiveFrom = report.Settings.Regime.EffectiveFrom,
                before = report.Settings.Regime.Before.ToString(),
            },
            account = report.Account,
            order = report.Order,
            price = report.Price,
            margin = report.Margin,
            dayTrading = d,
        }, Options);
    }

    public static void WriteText(TextWriter output, ComplianceCheckReport report)
    {
        var d = report.DayTrading;
        var m = report.Margin;
        var o = report.Order;
        output.WriteLine($"decision: {report.Decision}");
        output.WriteLine(Invariant($"order: {o.Side} {o.Quantity} {o.Symbol} at {report.Price}{(o.Price is null ? " (last fill price)" : "")}, account {report.Account.Id} ({report.Account.Type}, owner {report.Account.Owner}, equity {report.Account.Equity}), trade date {d.TradeDate}"));
        output.WriteLine($"regime: {d.Regime} on {d.TradeDate}; counting: {d.Counting}");
        output.WriteLine(d.Applicable
            ? Invariant($"day trading: {d.DayTradesInWindow} day trade(s) among {d.TradesInWindow} trade(s) in {d.WindowStart} to {d.WindowEnd}; would be a day trade: {YesNo(d.WouldBeDayTrade)}; after the order {d.DayTradesAfterOrder} among {d.TradesAfterOrder}; pattern day trader: {YesNo(d.PatternDayTrader)} (after: {YesNo(d.PatternDayTraderAfterOrder)})")
            : $"day trading: not applicable to a {d.AccountType} account");
        output.WriteLine(Margin(m));
        output.WriteLine($"wash sale: {report.WashSale.Description}");
        output.WriteLine("rules:");
        foreach (var rule in report.Rules)
        {
            var line = $"  {(rule.Passed ? "pass" : "FAIL")}  {rule.Name} [{rule.Severity}]";
            if (!rule.Passed && rule.Message is { Length: > 0 }) line += $"  — {rule.Message}";
            output.WriteLine(line);
        }
    }

    private static string Margin(MarginFacts m) => m.Applicable
        ? Invariant($"margin: equity {m.CurrentEquity:0.##}, requirement {m.CurrentRequirement:0.##}, deficit {m.CurrentDeficit:0.##}; after the order equity {m.ProjectedEquity:0.##}, requirement {m.ProjectedRequirement:0.##}, deficit {m.ProjectedDeficit:0.##}")
        : $"margin: not applicable to a {m.AccountType} account";

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
