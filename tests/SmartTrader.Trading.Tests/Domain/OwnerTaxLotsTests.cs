using System.Collections.Immutable;
using System.Text.Json;
using SmartTrader.Compliance;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Runtime;
using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Domain;

public class OwnerTaxLotsTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    private static readonly AccountInfo Margin = new("m1", "Margin", AccountType.Margin, "alice", Day0);
    private static readonly AccountInfo Second = new("m2", "Second", AccountType.Margin, "alice", Day0);
    private static readonly AccountInfo Ira = new("ira", "IRA", AccountType.IRA, "alice", Day0);

    private static Fill FillOf(AccountInfo account, int n, OrderSide side, decimal price, DateTimeOffset time, decimal quantity = 100m) =>
        new($"{account.Account}.{n:D4}:0", $"{account.Account}.{n:D4}", account.Account, "AAPL", side, quantity, price, time);

    /// <summary>m1 buys at 100 and sells at 90 the next day; m2 and the IRA buy back on day 5, the IRA a millisecond first.</summary>
    private static readonly Fill[] History =
    [
        FillOf(Margin, 1, OrderSide.Buy, 100m, Day0),
        FillOf(Margin, 2, OrderSide.Sell, 90m, Day0.AddDays(1)),
        FillOf(Ira, 1, OrderSide.Buy, 100m, Day0.AddDays(5)),
        FillOf(Second, 1, OrderSide.Buy, 100m, Day0.AddDays(5).AddMilliseconds(1)),
    ];

    private static OwnerTaxLots Lots(List<(Fill Fill, Exception Error)>? refused = null)
    {
        var lots = new OwnerTaxLots("alice", (fill, e) => refused?.Add((fill, e)));
        foreach (var account in new[] { Margin, Second, Ira }) lots.AddAccount(account);
        return lots;
    }

    [Fact]
    public void A_fill_is_taken_once_in_its_accounts_sequence_and_a_gap_changes_nothing()
    {
        var lots = Lots();

        lots.Record("m1", 2, History[1]).Should().Be(SequenceOutcome.Gap);
        lots.SequenceOf("m1").Should().Be(0);
        lots.View("m1").Realized.Should().BeEmpty();

        lots.Record("m1", 1, History[0]).Should().Be(SequenceOutcome.Applied);
        lots.Record("m1", 1, History[0]).Should().Be(SequenceOutcome.Held);
        lots.Record("m1", 2, History[1]).Should().Be(SequenceOutcome.Applied);

        lots.SequenceOf("m1").Should().Be(2);
        lots.View("m1").Realized.Should().ContainSingle().Which.Quantity.Should().Be(100m);
    }

    [Fact]
    public void A_catch_up_from_storage_applies_only_what_is_not_held_and_moves_the_sequence_to_what_storage_had()
    {
        var lots = Lots();
        lots.Record("m1", 1, History[0]);

        lots.CatchUp([("m1", 2, History[..2])]);

        lots.SequenceOf("m1").Should().Be(2);
        lots.Record("m1", 2, History[1]).Should().Be(SequenceOutcome.Held);
        lots.View("m1").Lots.Should().BeEmpty();
        lots.View("m1").Realized.Should().ContainSingle().Which.GainOrLoss.Should().Be(-1_000m);
    }

    [Fact]
    public void Fills_out_of_time_order_are_applied_at_once_and_a_resort_gives_the_book_built_in_order()
    {
        var inOrder = Lots();
        inOrder.Add(History);
        var arrived = Lots();
        foreach (var fill in new[] { History[0], History[1], History[3], History[2] }) arrived.Add(fill);

        arrived.IsOutOfOrder.Should().BeTrue();
        arrived.View("m2").Lots.Should().ContainSingle().Which.WashSaleAdjustment.Should().Be(1_000m, "m2's purchase came in first");
        arrived.Resort();

        arrived.IsOutOfOrder.Should().BeFalse();
        inOrder.IsOutOfOrder.Should().BeFalse();
        foreach (var account in new[] { "m1", "m2", "ira" }) arrived.View(account).Should().BeEquivalentTo(inOrder.View(account));
        arrived.View("m1").Realized.Should().ContainSingle().Which.IsPermanentlyDisallowed.Should().BeTrue("the IRA bought first");
    }

    [Fact]
    public void Facts_for_an_order_are_never_worked_out_as_of_before_the_last_fill()
    {
        var lots = Lots();
        lots.Add(History[..2]);
        // Stamped 41 days before the loss sale (a clock behind the one that stamped the sale): still judged as of now.
        var early = new ProposedOrder(Day0.AddDays(-40), "m2", "AAPL", TradeSide.Buy, 100m, 100m);

        var facts = lots.WashSaleFactsFor(early, 100m);

        facts.WouldWashRecentLoss.Should().BeTrue();
        facts.DisallowedAmount.Should().Be(1_000m);
    }

    [Fact]
    public void A_fill_the_book_refuses_is_reported_and_left_out()
    {
        var refused = new List<(Fill Fill, Exception Error)>();
        var lots = Lots(refused);

        lots.Add(FillOf(Margin, 1, OrderSide.Sell, 90m, Day0));

        refused.Should().ContainSingle().Which.Fill.FillId.Should().Be("m1.0001:0");
        lots.View("m1").Realized.Should().BeEmpty();
        lots.WashSaleFactsFor(new ProposedOrder(Day0, "nobody", "AAPL", TradeSide.Buy, 1m), 1m).NotEvaluated.Should().Contain("nobody");
    }

    [Fact]
    public void Another_owners_account_is_refused()
    {
        var lots = Lots();

        FluentActions.Invoking(() => lots.AddAccount(Margin with { Account = "b1", Owner = "bob" }))
            .Should().Throw<TradingException>().Which.Kind.Should().Be(TradingErrorKind.Invalid);
    }

    [Fact]
    public void What_the_owners_grain_sends_and_answers_survives_the_cluster_transports_json()
    {
        var lots = Lots();
        lots.Add(History);
        var today = DateOnly.FromDateTime(Day0.AddDays(5).UtcDateTime);

        RoundTrip(lots.View("m1")).Should().BeEquivalentTo(lots.View("m1"));
        RoundTrip(lots.View("ira")).Should().BeEquivalentTo(lots.View("ira"));
        RoundTrip(lots.Status(today)).Should().BeEquivalentTo(lots.Status(today));
        var order = new ProposedOrder(Day0.AddDays(6), "m2", "AAPL", TradeSide.Sell, 100m, 95m);
        var facts = lots.WashSaleFactsFor(order, 95m);
        facts.EstimatedLoss.Should().Be(500m);
        RoundTrip(facts).Should().BeEquivalentTo(facts);
        RoundTrip(order).Should().BeEquivalentTo(order);
        ImmutableArray<SequencedFill> sent = [new(1, History[0]), new(2, History[1])];
        RoundTrip(sent).Should().Equal(sent);
        RoundTrip(new TaxOwnerRegistration(true, "m1")).Should().Be(new TaxOwnerRegistration(true, "m1"));
    }

    /// <summary>As the transport writes arguments and results: by declared type, with the grain state's JSON options.</summary>
    private static T RoundTrip<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, GrainStateJson.Options), GrainStateJson.Options)!;
}
