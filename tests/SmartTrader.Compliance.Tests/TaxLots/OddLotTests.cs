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

    private static readonly RandomTradingProfile Dense = new(
        Steps: 200,
        NextDay: (random, day) =>
        {
            day = day.AddDays(random.Next(8) switch { 0 => 1, 1 => random.Next(2, 5), _ => 0 });
            return random.Next(60) == 0 ? day.AddDays(random.Next(25, 40)) : day;
        },
        PriceTicks: random => random.Next(7) - 3,
        Account: random => random.Next(10) switch { < 8 => Trades.Taxable, 8 => Trades.OtherTaxable, _ => Trades.Ira },
        MostSold: 40,
        MostBought: 19);

    [Theory]
    [MemberData(nameof(Runs))]
    public void Dense_odd_lot_trading_agrees_with_the_share_by_share_reference(int seed, bool alreadySold, bool earlier)
    {
        var options = new WashSaleOptions { ReplacementsMayBeAlreadySold = alreadySold, EarlierAcquisitionsMayReplace = earlier };

        var (trades, reference) = RandomTrading.Run(seed, options, Dense);

        trades.Book.LedgerOf(Trades.Taxable).RealizedSaleCount.Should().Be(trades.Book.RealizedSales().Count);
        RandomTrading.SalesByLot(trades.Book.RealizedSales()).Should().BeEquivalentTo(RandomTrading.ReferenceSales(reference), $"seed {seed}");
        RandomTrading.HeldByLot(trades.Book.Lots()).Should().BeEquivalentTo(RandomTrading.ReferenceHeld(reference), $"seed {seed}");
    }
}
