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

    private static readonly RandomTradingProfile Profile = new(
        Steps: 150,
        NextDay: (random, day) => day.AddDays(random.Next(10) == 0 ? random.Next(20, 40) : random.Next(0, 4)),
        PriceTicks: random => random.Next(5) - 2,
        Account: random => random.Next(10) switch { < 5 => Trades.Taxable, < 8 => Trades.OtherTaxable, _ => Trades.Ira },
        MostSold: 8,
        MostBought: 8);

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_ledger_agrees_with_the_share_by_share_reference(int seed, bool alreadySold, bool earlier)
    {
        var options = new WashSaleOptions { ReplacementsMayBeAlreadySold = alreadySold, EarlierAcquisitionsMayReplace = earlier };

        var (trades, reference) = RandomTrading.Run(seed, options, Profile);

        RandomTrading.SalesByLot(trades.Book.RealizedSales()).Should().BeEquivalentTo(RandomTrading.ReferenceSales(reference), $"seed {seed}");
        RandomTrading.HeldByLot(trades.Book.Lots()).Should().BeEquivalentTo(RandomTrading.ReferenceHeld(reference), $"seed {seed}");
    }
}
