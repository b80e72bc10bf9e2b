using SmartTrader.Runtime;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.Tests.Grains;
using SmartTrader.TestSupport;

namespace SmartTrader.Trading.Tests.PreTrade;

/// <summary>An order's judgement (version, failures, warnings) is part of the order as stored, on both providers.</summary>
public sealed class JudgementPersistenceTests(StorageDatabases databases) : IClassFixture<StorageDatabases>
{
    [Theory]
    [MemberData(nameof(StorageKinds.Both), MemberType = typeof(StorageKinds))]
    public async Task The_judging_version_failures_and_warnings_survive_a_restart(StorageKind kind)
    {
        var clock = new ManualTimeProvider();
        var account = $"acc-{kind}".ToLowerInvariant();
        var shipped = PreTradeVersions.VersionOf(PreTradeVersions.Of(ShippedRulesets.PreTrade, 1));
        OrderView accepted, rejected;
        await using (var storage = await databases.OpenAsync(kind))
        await using (var silo = await TradingSilo.StartAsync(o => o.RiskLimits.MaxOrderQuantity = 500m, storage: storage, clock: clock))
        {
            await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
            var portfolio = await silo.OpenAsync(account);
            accepted = (await portfolio.PlaceOrder(new PlaceOrderRequest("warned", "AAPL", OrderSide.Buy, OrderType.Market, 300m))).Order;
            rejected = (await portfolio.PlaceOrder(new PlaceOrderRequest("blocked", "AAPL", OrderSide.Buy, OrderType.Market, 501m))).Order;
        }
        accepted.Warnings.Should().ContainSingle(w => w.Rule == "MaxConcentration");
        rejected.Failures.Should().ContainSingle(f => f.Rule == "MaxOrderQuantity");

        await using var reopened = await databases.OpenAsync(kind);
        await using var restarted = await TradingSilo.StartAsync(o => o.RiskLimits.MaxOrderQuantity = 500m, storage: reopened, clock: clock);

        var storedAccepted = (await restarted.RecordedOrder(accepted.OrderId))!;
        storedAccepted.RulesetVersion.Should().Be(shipped);
        storedAccepted.Warnings.Should().Equal(accepted.Warnings);
        var storedRejected = (await restarted.RecordedOrder(rejected.OrderId))!;
        storedRejected.RulesetVersion.Should().Be(shipped);
        storedRejected.Failures.Should().Equal(rejected.Failures);
        storedRejected.RejectReason.Should().Be(rejected.RejectReason);

        var again = await restarted.Portfolio(account).PlaceOrder(new PlaceOrderRequest("blocked", "AAPL", OrderSide.Buy, OrderType.Market, 501m));
        again.Duplicate.Should().BeTrue();
        again.Order.Should().BeEquivalentTo(rejected);
    }
}
