using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>How a random run trades: the day and price steps, the account mix and the order sizes.</summary>
internal sealed record RandomTradingProfile(
    int Steps,
    Func<Random, DateOnly, DateOnly> NextDay,
    Func<Random, int> PriceTicks,
    Func<Random, string> Account,
    int MostSold,
    int MostBought);

/// <summary>
/// Random trading in one symbol, fill by fill through the book and the share-by-share reference; before each fill the
/// pre-trade facts must foretell the loss that fill then disallows.
/// </summary>
internal static class RandomTrading
{
    public static (Trades Trades, ShareByShareReference Reference) Run(int seed, WashSaleOptions options, RandomTradingProfile profile)
    {
        var trades = new Trades(options);
        var reference = new ShareByShareReference(options, account => account == Trades.Ira);
        var random = new Random(seed);
        var day = new DateOnly(2024, 1, 2);
        var price = 10m;

        for (var step = 0; step < profile.Steps; step++)
        {
            day = profile.NextDay(random, day);
            price = Math.Clamp(price + profile.PriceTicks(random) * 0.25m, 1m, 30m);
            var account = profile.Account(random);
            var held = reference.Held(account);
            var sells = held > 0 && random.Next(2) == 0;
            var quantity = sells ? random.Next(1, Math.Min(held, profile.MostSold) + 1) : random.Next(1, profile.MostBought + 1);
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
        return (trades, reference);
    }

    public static IEnumerable<(string Fill, string Lot, decimal Proceeds, decimal Cost, decimal Disallowed, decimal Permanent, decimal AddedLater)> SalesByLot(IEnumerable<RealizedSale> sales) =>
        sales.GroupBy(s => (s.FillId, Lot: Family(s.LotId)))
            .Select(g => (g.Key.FillId, g.Key.Lot, R(g.Sum(s => s.Proceeds)), R(g.Sum(s => s.Cost - s.CostAddedByLaterWashSale)),
                R(g.Sum(s => s.DisallowedLoss)), R(g.Sum(s => s.PermanentlyDisallowedLoss)), R(g.Sum(s => s.CostAddedByLaterWashSale))));

    public static IEnumerable<(string Fill, string Lot, decimal Proceeds, decimal Cost, decimal Disallowed, decimal Permanent, decimal AddedLater)> ReferenceSales(ShareByShareReference reference) =>
        reference.Sales.Select(s => (s.Key.Fill, s.Key.Lot, R(s.Value.Proceeds), R(s.Value.Cost), R(s.Value.Disallowed), R(s.Value.Permanent), R(s.Value.AddedLater)));

    public static IEnumerable<(string Lot, int AdjustedAcquiredOn, decimal Basis, decimal Shares)> HeldByLot(IEnumerable<TaxLot> lots) =>
        lots.GroupBy(l => (Lot: Family(l.Id), l.AdjustedAcquiredOn.DayNumber, Basis: Math.Round(l.AdjustedBasis / l.Quantity, 8)))
            .Select(g => (g.Key.Lot, g.Key.DayNumber, g.Key.Basis, g.Sum(l => l.Quantity)));

    public static IEnumerable<(string Lot, int AdjustedAcquiredOn, decimal Basis, decimal Shares)> ReferenceHeld(ShareByShareReference reference) =>
        reference.HeldShares().Select(h => (h.Lot, h.AdjustedAcquiredOn, h.Basis, (decimal)h.Shares));

    private static string Family(string lotId) => lotId.Split('.')[0];

    private static decimal R(decimal amount) => Math.Round(amount, 8);
}
