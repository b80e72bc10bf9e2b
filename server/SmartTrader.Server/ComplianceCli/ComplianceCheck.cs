using SmartTrader.Compliance;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Files;
using SmartTrader.Compliance.Margin;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Rules.Model;

namespace SmartTrader.Server.ComplianceCli;

/// <summary>One rule's outcome as the check reports it.</summary>
internal sealed record RuleOutcome(string Name, Severity Severity, bool Passed, string? Message, string? Reference);

/// <summary>The decision on one proposed order and every fact behind it.</summary>
internal sealed record ComplianceCheckReport(
    string Decision,
    ComplianceAccount Account,
    ProposedOrder Order,
    decimal Price,
    DayTradingSettings Settings,
    DayTradingFacts DayTrading,
    MarginFacts Margin,
    WashSaleFacts WashSale,
    IReadOnlyList<RuleOutcome> Rules);

/// <summary>
/// `compliance check`: judges a proposed order against the compliance rulesets, with facts built from the files: the
/// day-trade ledger of the order's account, the tax-lot book of its owner (every account of that owner) and the
/// account's margin state (<see cref="MarginStateFromFills"/>).
/// </summary>
internal static class ComplianceCheck
{
    public const string Allow = "Allow";
    public const string Warn = "Warn";
    public const string Block = "Block";

    public static ComplianceCheckReport Run(
        ComplianceHistory history, string orderFile, ComplianceRules rules, PdtRegime? regime = null, DayTradeCounting? counting = null)
    {
        var order = ComplianceFiles.ReadOrder(orderFile, history.Accounts);
        var account = history.Account(order.Account);
        var settings = WithOverrides(rules.Settings().DayTrading, regime, counting);
        var marks = new MarginStateFromFills(history.Fills);
        var price = order.Price ?? marks.LastPrice(order.Symbol)
            ?? throw new ComplianceCliException($"{Path.GetFileName(orderFile)}: order.price: is left out and {order.Symbol} has no fill to take a price from; give a price");

        var accountFills = history.FillsOf(account.Id);
        var ledger = DayTradeLedger.Rebuild(account.Id, accountFills);
        DayTradingFacts dayTrading;
        try
        {
            dayTrading = new DayTradingFactsBuilder(settings).Build(account, ledger, order);
        }
        catch (ArgumentException e)
        {
            throw new ComplianceCliException($"{Path.GetFileName(orderFile)}: order.time: {e.Message}");
        }
        var margin = new IntradayMarginCalculator(MaintenanceMarginOptions.Finra, settings.Regime)
            .Build(account, marks.StateOf(account, accountFills), order, price);
        var owners = history.Accounts.Where(a => a.Owner == account.Owner).ToList();
        var washSale = history.TaxLotBook(owners).WashSaleFactsFor(order, price);

        var results = rules.Compile().Execute(dayTrading, margin, washSale);
        var outcomes = results
            .Select(r => new RuleOutcome(r.Rule.RuleName, r.Severity, r.IsSuccess, r.IsSuccess ? null : r.ExceptionMessage, RuleProperties.ReferenceOf(r.Rule)))
            .ToList();
        return new ComplianceCheckReport(DecisionOf(outcomes), account, order, price, settings, dayTrading, margin, washSale, outcomes);
    }

    /// <summary>Block when a Block rule failed; else Warn when any rule failed (Warn or Info); else Allow.</summary>
    public static string DecisionOf(IReadOnlyList<RuleOutcome> outcomes) =>
        outcomes.Any(o => !o.Passed && o.Severity == Severity.Block) ? Block
        : outcomes.Any(o => !o.Passed) ? Warn
        : Allow;

    private static DayTradingSettings WithOverrides(DayTradingSettings settings, PdtRegime? regime, DayTradeCounting? counting) =>
        new(regime is { } always ? DayTradingRegimeSetting.Always(always) : settings.Regime, counting ?? settings.Counting);
}
