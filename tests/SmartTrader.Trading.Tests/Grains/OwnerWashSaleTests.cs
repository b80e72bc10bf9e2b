using System.Text.Json;
using System.Text.Json.Nodes;
using SmartTrader.Compliance;
using SmartTrader.Runtime;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.Tests.Grains;

/// <summary>
/// Wash sales across the accounts of one owner, at the gate and in the views: the owner's <see cref="ITaxOwnerGrain"/>
/// keeps the lots of every account once the owner has more than one.
/// </summary>
public class OwnerWashSaleTests
{
    /// <summary>Monday 2026-01-05, 9:30 in New York.</summary>
    private static readonly DateTimeOffset Day0 = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    private static async Task<TradingSilo> StartAsync(DateTimeOffset now, IGrainStorage? storage = null)
    {
        var silo = await TradingSilo.StartAsync(storage: storage, clock: new ManualTimeProvider(now));
        await silo.QuoteAsync("AAPL", 99.98m, 100.02m);
        return silo;
    }

    /// <summary>Moves the clock to <paramref name="day"/> days after <see cref="Day0"/> and quotes AAPL around <paramref name="last"/>.</summary>
    private static async Task OnDay(TradingSilo silo, int day, decimal last)
    {
        silo.Clock.SetUtcNow(Day0.AddDays(day));
        await silo.QuoteAsync("AAPL", last - 0.02m, last + 0.02m);
    }

    private static async Task<OrderView> Trade(IPortfolioGrain portfolio, string id, OrderSide side, decimal quantity = 100m)
    {
        var order = (await portfolio.PlaceOrder(new PlaceOrderRequest(id, "AAPL", side, OrderType.Market, quantity))).Order;
        order.Status.Should().Be(OrderStatus.Filled, order.RejectReason);
        return order;
    }

    /// <summary>Buys 100 (or <paramref name="quantity"/>) at 100.02 on day 0 and sells them at 89.98 on day 1: a loss of 10.04 a share.</summary>
    private static async Task LossSale(TradingSilo silo, IPortfolioGrain portfolio, decimal quantity = 100m)
    {
        await Trade(portfolio, "buy", OrderSide.Buy, quantity);
        await OnDay(silo, 1, 90m);
        (await Trade(portfolio, "sell", OrderSide.Sell, quantity)).Warnings.Should().BeEmpty("nothing replaces the shares yet");
    }

    [Fact]
    public async Task A_loss_sale_in_one_account_is_washed_by_a_buy_in_another_account_of_the_same_owner()
    {
        await using var silo = await StartAsync(Day0);
        var first = await silo.OpenAsync("a1");
        var second = await silo.OpenAsync("a2");
        await LossSale(silo, first);
        await OnDay(silo, 15, 100m);

        var rebuy = await Trade(second, "rebuy", OrderSide.Buy);

        rebuy.Warnings.Should().ContainSingle().Which.Message.Should()
            .Be("Wash sale: Buy 100 AAPL replaces 100 AAPL shares of 1 loss sale(s) in the last 30 days: 1004 of loss disallowed.");
        var sale = (await first.GetTaxLots()).Realized.Should().ContainSingle().Which;
        sale.GainOrLoss.Should().Be(-1_004m);
        sale.DisallowedLoss.Should().Be(1_004m);
        sale.PermanentlyDisallowedLoss.Should().Be(0m);
        sale.Replacements.Should().ContainSingle().Which.Account.Should().Be("a2");
        var lot = (await second.GetTaxLots()).Lots.Should().ContainSingle().Which;
        lot.Basis.Should().Be(10_002m);
        lot.AdjustedBasis.Should().Be(11_006m);
        lot.WashSaleFromLot.Should().Be("a1-1");
        lot.AdjustedAcquiredOn.Should().Be(lot.AcquiredOn.AddDays(-1));
    }

    [Fact]
    public async Task A_sale_at_a_loss_is_flagged_at_the_gate_when_another_account_bought_the_shares_in_the_last_30_days()
    {
        await using var silo = await StartAsync(Day0);
        var first = await silo.OpenAsync("a1");
        var second = await silo.OpenAsync("a2");
        await Trade(first, "buy", OrderSide.Buy);
        await OnDay(silo, 10, 100m);
        (await Trade(second, "buy", OrderSide.Buy)).Warnings.Should().BeEmpty();
        await OnDay(silo, 11, 90m);

        var sale = await Trade(first, "sell", OrderSide.Sell);

        sale.Warnings.Should().ContainSingle().Which.Message.Should().Be(
            "Wash sale: Sell 100 AAPL at 89.98 realizes a loss of 1004; 100 shares acquired in the last 30 days replace it: 1004 disallowed.");
        (await first.GetTaxLots()).Realized.Should().ContainSingle().Which.Replacements.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Account = "a2", ReplacementLotId = "a2-1", Shares = 100m, DisallowedLoss = 1_004m, IsPermanent = false });
    }

    [Fact]
    public async Task A_replacement_bought_in_an_IRA_disallows_the_loss_for_good_and_leaves_the_IRA_basis_alone()
    {
        await using var silo = await StartAsync(Day0);
        var taxable = await silo.OpenAsync("m1", type: AccountType.Margin);
        var ira = await silo.OpenAsync("ira", type: AccountType.IRA);
        await LossSale(silo, taxable);
        await OnDay(silo, 20, 100m);

        var rebuy = await Trade(ira, "rebuy", OrderSide.Buy);

        rebuy.Warnings.Should().ContainSingle().Which.Message.Should().EndWith("1004 of loss disallowed for good (the purchase is in an IRA).");
        var sale = (await taxable.GetTaxLots()).Realized.Should().ContainSingle().Which;
        sale.DisallowedLoss.Should().Be(1_004m);
        sale.PermanentlyDisallowedLoss.Should().Be(1_004m);
        sale.IsPermanentlyDisallowed.Should().BeTrue();
        sale.RecognizedGainOrLoss.Should().Be(0m);
        var lot = (await ira.GetTaxLots()).Lots.Should().ContainSingle().Which;
        lot.Basis.Should().Be(10_002m);
        lot.WashSaleAdjustment.Should().Be(0m);
        lot.AdjustedBasis.Should().Be(10_002m);
        lot.AdjustedAcquiredOn.Should().Be(lot.AcquiredOn);
    }

    [Fact]
    public async Task A_purchase_by_another_owner_washes_nothing()
    {
        await using var silo = await StartAsync(Day0);
        var alice = await silo.OpenAsync("a1");
        var aliceToo = await silo.OpenAsync("a2");
        var bob = await silo.OpenAsync("b1", owner: "bob");
        await LossSale(silo, alice);
        await OnDay(silo, 15, 100m);

        (await Trade(bob, "bob-buy", OrderSide.Buy)).Warnings.Should().BeEmpty();
        (await alice.GetTaxLots()).Realized.Should().ContainSingle().Which.DisallowedLoss.Should().Be(0m);
        (await bob.GetComplianceStatus()).WashSale.RecentLosses.Should().BeEmpty();

        (await Trade(aliceToo, "alice-buy", OrderSide.Buy)).Warnings.Should().ContainSingle().Which.Rule.Should().Be("WashSale");
    }

    [Fact]
    public async Task The_compliance_status_lists_the_owners_recent_losses_with_the_purchases_in_other_accounts_that_washed_them()
    {
        await using var silo = await StartAsync(Day0);
        var first = await silo.OpenAsync("a1");
        var second = await silo.OpenAsync("a2");
        await LossSale(silo, first, quantity: 200m);
        await OnDay(silo, 15, 100m);
        await Trade(second, "rebuy", OrderSide.Buy, 50m);

        var status = (await second.GetComplianceStatus()).WashSale;

        status.Owner.Should().Be("alice");
        status.Accounts.Should().Equal("a1", "a2");
        var loss = status.RecentLosses.Should().ContainSingle().Which;
        loss.Should().BeEquivalentTo(new
        {
            Account = "a1", Symbol = "AAPL", SaleDate = new DateOnly(2026, 1, 6), WindowEnds = new DateOnly(2026, 2, 5),
            Quantity = 200m, Loss = 2_008m, DisallowedLoss = 502m, OpenQuantity = 150m, OpenLoss = 1_506m,
        });
        loss.Replacements.Should().ContainSingle().Which.Account.Should().Be("a2");
        await OnDay(silo, 32, 100m);
        (await second.GetComplianceStatus()).WashSale.RecentLosses.Should().BeEmpty("the sale is more than 30 days old");
    }

    [Fact]
    public async Task After_a_restart_the_owners_view_is_rebuilt_from_storage_the_same()
    {
        var storage = new MemoryGrainStorage();
        TaxLotsView before1, before2;
        await using (var silo = await StartAsync(Day0, storage))
        {
            var first = await silo.OpenAsync("a1");
            var second = await silo.OpenAsync("a2");
            await LossSale(silo, first, quantity: 200m);
            await OnDay(silo, 15, 100m);
            await Trade(second, "rebuy-1", OrderSide.Buy);
            before1 = await first.GetTaxLots();
            before2 = await second.GetTaxLots();
        }

        await using var restarted = await StartAsync(Day0.AddDays(15).AddHours(1), storage);

        (await restarted.Portfolio("a1").GetTaxLots()).Should().BeEquivalentTo(before1);
        (await restarted.Portfolio("a2").GetTaxLots()).Should().BeEquivalentTo(before2);
        var rest = await Trade(restarted.Portfolio("a2"), "rebuy-2", OrderSide.Buy);
        rest.Warnings.Should().ContainSingle().Which.Message.Should().Contain("replaces 100 AAPL shares of 1 loss sale(s)");
        (await restarted.Portfolio("a1").GetTaxLots()).Realized.Should().ContainSingle().Which.DisallowedLoss.Should().Be(2_008m);
    }

    [Fact]
    public async Task An_account_with_fills_of_its_own_joins_the_owners_view_when_a_second_account_opens()
    {
        await using var silo = await StartAsync(Day0);
        var first = await silo.OpenAsync("a1");
        await LossSale(silo, first);
        await OnDay(silo, 15, 100m);

        var second = await silo.OpenAsync("a2");
        var rebuy = await Trade(second, "rebuy", OrderSide.Buy);

        rebuy.Warnings.Should().ContainSingle().Which.Rule.Should().Be("WashSale");
        (await first.GetTaxLots()).Realized.Should().ContainSingle().Which.Replacements.Should().ContainSingle().Which.Account.Should().Be("a2");
    }

    [Fact]
    public async Task An_account_opened_before_owners_kept_tax_lots_registers_on_first_use_with_the_fills_it_already_had()
    {
        var storage = new MemoryGrainStorage();
        await using (var silo = await StartAsync(Day0, storage))
            await LossSale(silo, await silo.OpenAsync("a1"));
        await ForgetRegistration(storage, "alice", "a1");

        await using var restarted = await StartAsync(Day0.AddDays(15), storage);
        var second = await restarted.OpenAsync("a2");
        (await restarted.Portfolio("a1").GetTaxLots()).Realized.Should().ContainSingle();
        var rebuy = await Trade(second, "rebuy", OrderSide.Buy);

        rebuy.Warnings.Should().ContainSingle().Which.Rule.Should().Be("WashSale");
        (await restarted.Portfolio("a1").GetTaxLots()).Realized.Should().ContainSingle().Which.DisallowedLoss.Should().Be(1_004m);
    }

    [Fact]
    public async Task An_opening_that_fails_after_registering_leaves_no_account_and_can_be_retried()
    {
        var storage = new FlakyStorage(new MemoryGrainStorage());
        await using var silo = await StartAsync(Day0, storage);
        var first = await silo.OpenAsync("a1");
        await silo.OpenAsync("a2");
        await LossSale(silo, first);
        await OnDay(silo, 15, 100m);

        storage.FailWritesOf = PortfolioGrain.TypeName;
        await FluentActions.Awaiting(() => silo.OpenAsync("a3")).Should().ThrowAsync<IOException>();
        storage.FailWritesOf = null;
        (await silo.Portfolio("a3").GetAccount()).Should().BeNull();
        (await silo.TaxOwner("alice").GetWashSaleStatus("a1", 2)).Accounts.Should().Equal("a1", "a2");
        var third = await silo.OpenAsync("a3");

        (await Trade(third, "rebuy", OrderSide.Buy)).Warnings.Should().ContainSingle().Which.Rule.Should().Be("WashSale");
        (await first.GetTaxLots()).Realized.Should().ContainSingle().Which.Replacements.Should().ContainSingle().Which.Account.Should().Be("a3");
    }

    [Fact]
    public async Task Fills_sent_again_are_applied_once()
    {
        await using var silo = await StartAsync(Day0);
        var first = await silo.OpenAsync("a1");
        await silo.OpenAsync("a2");
        var buy = await Trade(first, "buy", OrderSide.Buy);
        var sell = await Trade(first, "sell", OrderSide.Sell, 40m);

        await silo.TaxOwner("alice").RecordFills("a1", 2, [new SequencedFill(1, buy.Fills[0]), new SequencedFill(2, sell.Fills[0])]);
        await silo.TaxOwner("alice").RecordFills("a1", 2, [new SequencedFill(2, sell.Fills[0])]);

        var lots = await first.GetTaxLots();
        lots.Lots.Should().ContainSingle().Which.Quantity.Should().Be(60m);
        lots.Realized.Should().ContainSingle().Which.Quantity.Should().Be(40m);
    }

    [Fact]
    public async Task Fills_of_two_accounts_that_arrive_out_of_time_order_are_put_back_in_order()
    {
        await using var silo = await StartAsync(Day0.AddDays(5));
        await silo.OpenAsync("m1", type: AccountType.Margin);
        await silo.OpenAsync("m2", type: AccountType.Margin);
        await silo.OpenAsync("ira", type: AccountType.IRA);
        var owner = silo.TaxOwner("alice");
        await owner.GetTaxLots("m1", 0);
        await owner.RecordFills("m1", 2, [Sent("m1", 1, OrderSide.Buy, 100m, Day0), Sent("m1", 2, OrderSide.Sell, 90m, Day0.AddDays(1))]);
        // The IRA bought a millisecond before m2, but m2's fill arrives first: the loss goes to m2 until the book is put in order.
        await owner.RecordFills("m2", 1, [Sent("m2", 1, OrderSide.Buy, 100m, Day0.AddDays(5).AddMilliseconds(1))]);
        await owner.RecordFills("ira", 1, [Sent("ira", 1, OrderSide.Buy, 100m, Day0.AddDays(5))]);
        var sellM2 = new ProposedOrder(silo.Clock.GetUtcNow(), "m2", "AAPL", TradeSide.Sell, 100m, 105m);

        (await owner.WashSaleFacts("m2", 1, sellM2, 105m)).EstimatedLoss.Should().Be(500m, "in arrival order m2's lot carries the 1,000 loss");
        silo.Clock.Advance(TimeSpan.FromSeconds(2));
        (await owner.WashSaleFacts("m2", 1, sellM2, 105m)).EstimatedLoss.Should().Be(0m, "in time order the IRA's earlier purchase takes the loss");

        var sale = (await owner.GetTaxLots("m1", 2)).Realized.Should().ContainSingle().Which;
        sale.IsPermanentlyDisallowed.Should().BeTrue();
        sale.Replacements.Should().ContainSingle().Which.Account.Should().Be("ira");
    }

    private static SequencedFill Sent(string account, long sequence, OrderSide side, decimal price, DateTimeOffset time) =>
        new(sequence, new Fill($"{account}.{sequence:D4}:0", $"{account}.{sequence:D4}", account, "AAPL", side, 100m, price, time));

    /// <summary>Makes the stored rows what an account opened before owners kept tax lots left: no registration anywhere.</summary>
    private static async Task ForgetRegistration(IGrainStorage storage, string owner, string account)
    {
        var key = new GrainStateKey(PortfolioGrain.TypeName, account, PortfolioGrain.StateName);
        var row = (await storage.ReadAsync(key))!;
        var portfolio = JsonNode.Parse(row.Payload)!.AsObject();
        portfolio.Remove("taxOwner");
        await storage.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(portfolio), row.Etag);
        await Clear(storage, new GrainStateKey(TaxOwnerAccountGrain.TypeName, TaxOwnerAccountGrain.KeyOf(owner, account), TaxOwnerAccountGrain.StateName));
        await Clear(storage, new GrainStateKey(TaxOwnerGrain.TypeName, owner, TaxOwnerGrain.StateName));
    }

    private static async Task Clear(IGrainStorage storage, GrainStateKey key) =>
        await storage.ClearAsync(key, (await storage.ReadAsync(key))!.Etag);
}
