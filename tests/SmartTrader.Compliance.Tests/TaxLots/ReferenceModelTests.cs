using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>
/// Random trading across a taxable account, a second taxable account and an IRA, checked fill by fill against the
/// share-by-share reference: the same realized sales, disallowed losses and held lots, and pre-trade facts that
/// foretell what each fill then does.
/// </summary>
public sealed class ReferenceModelTests
{
    public static TheoryData<int, bool, bool> Runs()
    {
        var runs = new TheoryData<int, bool, bool>();
        for (var seed = 1; seed <= 40; seed++)
        {
            runs.Add(seed, false, true);
            runs.Add(seed, true, true);
            runs.Add(seed, false, false);
        }
        return runs;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_ledger_agrees_with_the_share_by_share_reference(int seed, bool alreadySold, bool earlier)
    {
        var options = new WashSaleOptions { ReplacementsMayBeAlreadySold = alreadySold, EarlierAcquisitionsMayReplace = earlier };
        var trades = new Trades(options);
        var reference = new ShareByShareReference(options, account => account == Trades.Ira);
        var random = new Random(seed);
        var day = new DateOnly(2024, 1, 2);
        var price = 10m;

        for (var step = 0; step < 150; step++)
        {
            day = day.AddDays(random.Next(10) == 0 ? random.Next(20, 40) : random.Next(0, 4));
            price = Math.Clamp(price + (random.Next(5) - 2) * 0.25m, 1m, 30m);
            var account = random.Next(10) switch { < 5 => Trades.Taxable, < 8 => Trades.OtherTaxable, _ => Trades.Ira };
            var held = reference.Held(account);
            var sells = held > 0 && random.Next(2) == 0;
            var quantity = sells ? random.Next(1, Math.Min(held, 8) + 1) : random.Next(1, 9);
            var side = sells ? TradeSide.Sell : TradeSide.Buy;
            var time = Trades.Noon(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

            var facts = trades.Book.WashSaleFactsFor(new ProposedOrder(time, account, "XYZ", side, quantity, price), price);
            var disallowedBefore = trades.Book.RealizedSales().Sum(s => s.DisallowedLoss);
            trades.Fill(new Fill(time, account, "XYZ", side, quantity, price));
            var dayNumber = day.DayNumber;
            if (sells) reference.Sell(account, quantity, price, dayNumber);
            else reference.Buy(account, quantity, price, dayNumber);

            var disallowedByFill = trades.Book.RealizedSales().Sum(s => s.DisallowedLoss) - disallowedBefore;
            Math.Round(facts.DisallowedAmount, 10).Should().Be(Math.Round(disallowedByFill, 10), $"facts foretell fill {step} (seed {seed})");
        }

        SalesByLot(trades.Book.RealizedSales()).Should().BeEquivalentTo(ReferenceSales(reference), $"seed {seed}");
        HeldByLot(trades.Book.Lots()).Should().BeEquivalentTo(reference.HeldShares().Select(h => (h.Lot, h.AdjustedAcquiredOn, h.Basis, (decimal)h.Shares)), $"seed {seed}");
    }

    internal static IEnumerable<(string Fill, string Lot, decimal Proceeds, decimal Cost, decimal Disallowed, decimal Permanent, decimal AddedLater)> SalesByLot(IEnumerable<RealizedSale> sales) =>
        sales.GroupBy(s => (s.FillId, Lot: Family(s.LotId)))
            .Select(g => (g.Key.FillId, g.Key.Lot, R(g.Sum(s => s.Proceeds)), R(g.Sum(s => s.Cost - s.CostAddedByLaterWashSale)),
                R(g.Sum(s => s.DisallowedLoss)), R(g.Sum(s => s.PermanentlyDisallowedLoss)), R(g.Sum(s => s.CostAddedByLaterWashSale))));

    internal static IEnumerable<(string Fill, string Lot, decimal Proceeds, decimal Cost, decimal Disallowed, decimal Permanent, decimal AddedLater)> ReferenceSales(ShareByShareReference reference) =>
        reference.Sales.Select(s => (s.Key.Fill, s.Key.Lot, R(s.Value.Proceeds), R(s.Value.Cost), R(s.Value.Disallowed), R(s.Value.Permanent), R(s.Value.AddedLater)));

    internal static IEnumerable<(string Lot, int AdjustedAcquiredOn, decimal Basis, decimal Shares)> HeldByLot(IEnumerable<TaxLot> lots) =>
        lots.GroupBy(l => (Lot: Family(l.Id), l.AdjustedAcquiredOn.DayNumber, Basis: Math.Round(l.AdjustedBasis / l.Quantity, 8)))
            .Select(g => (g.Key.Lot, g.Key.DayNumber, g.Key.Basis, g.Sum(l => l.Quantity)));

    private static string Family(string lotId) => lotId.Split('.')[0];

    private static decimal R(decimal amount) => Math.Round(amount, 8);
}
