using System.Collections.Frozen;
using SmartTrader.Compliance;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Margin;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Trading.Tests.PreTrade;

/// <summary>Pre-trade inputs for a limit buy of AAPL at 100.05 by a cash account that breaks none of the shipped limits.</summary>
internal static class PreTradeSamples
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 15, 0, 0, TimeSpan.Zero);

    public static object?[] Inputs(decimal quantity = 10m)
    {
        var notional = quantity * 100.05m;
        var order = new OrderFacts("AAPL", "Buy", "Limit", "Day", quantity, 100.05m, 100.05m, notional, notional, IncreasesExposure: true);
        var account = new AccountFacts("Cash", 100_000m, 100_000m, 100_000m, 0m, 100_000m, 0m, 0);
        var position = new PositionFacts("AAPL", 0m, 0m, 0m, 0m);
        var quote = new QuoteFacts(true, 99.98m, 100.02m, 100m, DateTimeOffset.UnixEpoch);
        var limits = new RiskLimits(100m, 1_000_000m, 10m, 1_000m, 1_000_000m, 25m, new[] { "BAC" }.ToFrozenSet(), 10, 1_000m);
        var complianceAccount = new ComplianceAccount("acc1", "owner", AccountKind.Cash, 100_000m);
        var proposed = new ProposedOrder(Monday, "acc1", "AAPL", TradeSide.Buy, quantity, 100.05m);
        var dayTrading = new DayTradingFactsBuilder(DayTradingSettings.Default).Build(complianceAccount, new DayTradeLedger("acc1"), proposed);
        var margin = new IntradayMarginCalculator(MaintenanceMarginOptions.Finra).Build(complianceAccount, new MarginAccountState(100_000m, []), proposed);
        return [order, account, position, quote, limits, dayTrading, margin, WashSaleFacts.None];
    }
}
