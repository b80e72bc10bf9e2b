using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>
/// Odd lots traded densely: a sale closes many small parts at once, and one purchase replaces the losses of many of
/// them within a single fill, split once for each.
/// </summary>
public sealed class OddLotTests
{
    [Fact]
    public void A_loss_sale_of_many_small_lots_splits_one_earlier_purchase_once_for_each()
    {
        var trades = new Trades()
            .Buy("2024-03-01", 1, 20m)
            .Buy("2024-03-02", 1, 20m)
            .Buy("2024-03-03", 1, 20m)
            .Buy("2024-03-04", 1, 20m)
            .Buy("2024-03-05", 1, 20m)
            .Buy("2024-03-08", 10, 10m)
            .Sell("2024-03-11", 5, 10m);

        trades.Sales().Select(s => (s.LotId, s.DisallowedLoss, Replacement: s.Replacements.Single().ReplacementLotId)).Should().Equal(
            ("brokerage-1", 10m, "brokerage-6"),
            ("brokerage-2", 10m, "brokerage-6.2"),
            ("brokerage-3", 10m, "brokerage-6.3"),
            ("brokerage-4", 10m, "brokerage-6.4"),
            ("brokerage-5", 10m, "brokerage-6.5"));
        trades.Lots().Select(l => (l.Id, l.Quantity, l.AdjustedBasis, l.AdjustedAcquiredOn, l.WashSaleFromLot)).Should().Equal(
            ("brokerage-6", 1m, 20m, Trades.Day("2024-02-27"), "brokerage-1"),
            ("brokerage-6.2", 1m, 20m, Trades.Day("2024-02-28"), "brokerage-2"),
            ("brokerage-6.3", 1m, 20m, Trades.Day("2024-02-29"), "brokerage-3"),
            ("brokerage-6.4", 1m, 20m, Trades.Day("2024-03-01"), "brokerage-4"),
            ("brokerage-6.5", 1m, 20m, Trades.Day("2024-03-02"), "brokerage-5"),
            ("brokerage-6.6", 5m, 50m, Trades.Day("2024-03-08"), (string?)null));
    }

    public static TheoryData<int, bool, bool> Runs()
    {
        var runs = new TheoryData<int, bool, bool>();
        for (var seed = 1; seed <= 8; seed++)
        {
            runs.Add(seed, false, true);
            runs.Add(seed, true, true);
            runs.Add(seed, false, false);
        }
        return runs;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Dense_odd_lot_trading_agrees_with_the_share_by_share_reference(int seed, bool alreadySold, bool earlier)
    {
        var options = new WashSaleOptions { ReplacementsMayBeAlreadySold = alreadySold, EarlierAcquisitionsMayReplace = earlier };
        var trades = new Trades(options);
        var reference = new ShareByShareReference(options, account => account == Trades.Ira);
        var random = new Random(seed);
        var day = new DateOnly(2024, 1, 2);
        var price = 10m;

        for (var step = 0; step < 200; step++)
        {
            day = day.AddDays(random.Next(8) switch { 0 => 1, 1 => random.Next(2, 5), _ => 0 });
            if (random.Next(60) == 0)
                day = day.AddDays(random.Next(25, 40));
            price = Math.Clamp(price + (random.Next(7) - 3) * 0.25m, 1m, 30m);
            var account = random.Next(10) switch { < 8 => Trades.Taxable, 8 => Trades.OtherTaxable, _ => Trades.Ira };
            var held = reference.Held(account);
            var sells = held > 0 && random.Next(2) == 0;
            var quantity = sells ? random.Next(1, Math.Min(held, 40) + 1) : random.Next(1, 20);
            var side = sells ? TradeSide.Sell : TradeSide.Buy;
            var time = Trades.Noon(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

            var facts = trades.Book.WashSaleFactsFor(new ProposedOrder(time, account, "XYZ", side, quantity, price), price);
            var disallowedBefore = trades.Book.RealizedSales().Sum(s => s.DisallowedLoss);
            trades.Fill(new Fill(time, account, "XYZ", side, quantity, price));
            if (sells) reference.Sell(account, quantity, price, day.DayNumber);
            else reference.Buy(account, quantity, price, day.DayNumber);

            var disallowedByFill = trades.Book.RealizedSales().Sum(s => s.DisallowedLoss) - disallowedBefore;
            Math.Round(facts.DisallowedAmount, 10).Should().Be(Math.Round(disallowedByFill, 10), $"facts foretell fill {step} (seed {seed})");
        }

        trades.Book.LedgerOf(Trades.Taxable).RealizedSaleCount.Should().Be(trades.Book.RealizedSales().Count);
        ReferenceModelTests.SalesByLot(trades.Book.RealizedSales()).Should().BeEquivalentTo(ReferenceModelTests.ReferenceSales(reference), $"seed {seed}");
        ReferenceModelTests.HeldByLot(trades.Book.Lots()).Should().BeEquivalentTo(
            reference.HeldShares().Select(h => (h.Lot, h.AdjustedAcquiredOn, h.Basis, (decimal)h.Shares)), $"seed {seed}");
    }
}
