using System.Globalization;
using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>
/// Builds a ledger for one owner ("alice": a taxable account, a second taxable account and an IRA) from short
/// trade descriptions. A date alone means noon in New York; fills of one day keep the order they are written in.
/// </summary>
internal sealed class Trades
{
    public const string Taxable = "brokerage";
    public const string OtherTaxable = "joint";
    public const string Ira = "ira";
    public const string Stranger = "bob-brokerage";

    public static readonly ComplianceAccount[] Accounts =
    [
        new(Taxable, "alice", AccountKind.Margin, 100_000m),
        new(OtherTaxable, "alice", AccountKind.Cash, 50_000m),
        new(Ira, "alice", AccountKind.IRA, 20_000m),
        new(Stranger, "bob", AccountKind.Cash, 10_000m),
    ];

    public Trades(WashSaleOptions? options = null) => Book = new TaxLotBook(Accounts, options);

    public TaxLotBook Book { get; }
    public OwnerLedger Alice => Book.LedgerOf(Taxable);

    public static DateTimeOffset Noon(string date) =>
        new(DateTime.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddHours(12), TimeSpan.FromHours(-5));

    public static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public Trades Buy(string date, decimal quantity, decimal price, string account = Taxable, string symbol = "XYZ") =>
        Fill(new Fill(Noon(date), account, symbol, TradeSide.Buy, quantity, price));

    public Trades Sell(string date, decimal quantity, decimal price, string account = Taxable, string symbol = "XYZ", params string[] lots) =>
        Fill(new Fill(Noon(date), account, symbol, TradeSide.Sell, quantity, price, lots.Length == 0 ? null : lots));

    public Trades SellShort(string date, decimal quantity, decimal price, string account = Taxable, string symbol = "XYZ") =>
        Fill(new Fill(Noon(date), account, symbol, TradeSide.SellShort, quantity, price));

    public Trades Cover(string date, decimal quantity, decimal price, string account = Taxable, string symbol = "XYZ") =>
        Fill(new Fill(Noon(date), account, symbol, TradeSide.BuyToCover, quantity, price));

    public Trades BuyCall(string date, decimal contracts, decimal premium, string account = Taxable, string underlying = "XYZ") =>
        Fill(new Fill(Noon(date), account, underlying + "C", TradeSide.Buy, contracts, premium,
            Instrument: new Instrument(InstrumentKind.Option, underlying, OptionRight.Call, 50m, new DateOnly(2030, 1, 18))));

    public Trades BuyPut(string date, decimal contracts, decimal premium, string account = Taxable, string underlying = "XYZ") =>
        Fill(new Fill(Noon(date), account, underlying + "P", TradeSide.Buy, contracts, premium,
            Instrument: new Instrument(InstrumentKind.Option, underlying, OptionRight.Put, 50m, new DateOnly(2030, 1, 18))));

    public Trades Fill(Fill fill)
    {
        Book.Apply(fill);
        return this;
    }

    public IReadOnlyList<TaxLot> Lots(string account = Taxable) => Alice.Lots(account);
    public TaxLot Lot(string id) => Book.Lots().Single(l => l.Id == id);
    public IReadOnlyList<RealizedSale> Sales(string account = Taxable) => Alice.RealizedSales(account);
    public RealizedSale Sale(string lotId) => Book.RealizedSales().Single(s => s.LotId == lotId);
    public RealizedSale SaleByFill(string fillId) => Book.RealizedSales().Single(s => s.FillId == fillId);
}
