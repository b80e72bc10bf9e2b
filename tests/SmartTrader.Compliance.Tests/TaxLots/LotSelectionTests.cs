using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>First in, first out by default; named lots when the sale names them; lot ids; fills the ledger refuses.</summary>
public sealed class LotSelectionTests
{
    [Fact]
    public void Without_named_lots_the_oldest_shares_close_first()
    {
        var trades = new Trades()
            .Buy("2023-01-03", 100, 10m)
            .Buy("2023-02-01", 100, 12m)
            .Sell("2023-06-01", 150, 15m);

        trades.Sales().Select(s => (s.LotId, s.Quantity, s.Cost)).Should().Equal(("brokerage-1", 100m, 1_000m), ("brokerage-2", 50m, 600m));
        trades.Lots().Should().ContainSingle().Which.Should().Match<TaxLot>(l => l.Id == "brokerage-2" && l.Quantity == 50m && l.Basis == 600m);
    }

    [Fact]
    public void A_sale_naming_lots_closes_those_lots_in_the_order_named()
    {
        var trades = new Trades()
            .Buy("2023-01-03", 100, 10m)
            .Buy("2023-02-01", 100, 12m)
            .Buy("2023-03-01", 100, 14m)
            .Sell("2023-06-01", 150, 15m, lots: ["brokerage-3", "brokerage-2"]);

        trades.Sales().Select(s => (s.LotId, s.Quantity)).Should().Equal(("brokerage-3", 100m), ("brokerage-2", 50m));
        trades.Lots().Select(l => (l.Id, l.Quantity)).Should().Equal(("brokerage-1", 100m), ("brokerage-2", 50m));
    }

    [Fact]
    public void Lot_ids_count_every_fill_of_the_account_and_split_parts_get_a_suffix()
    {
        var trades = new Trades()
            .Buy("2023-11-01", 100, 10m)
            .Buy("2023-11-01", 10, 10m, account: Trades.OtherTaxable)
            .Sell("2024-01-10", 100, 8m)
            .Buy("2024-01-12", 150, 8m);

        trades.Book.Lots().Select(l => (l.Id, l.Quantity)).Should().Equal(("brokerage-3", 100m), ("brokerage-3.2", 50m), ("joint-1", 10m));
        trades.Sale("brokerage-1").FillId.Should().Be("brokerage-2");
    }

    [Fact]
    public void Naming_a_lot_names_all_its_parts_and_a_suffix_names_one_part()
    {
        var trades = new Trades()
            .Buy("2023-11-01", 100, 10m)
            .Sell("2024-01-10", 100, 8m)
            .Buy("2024-01-12", 150, 8m)          // splits into brokerage-3 (100, adjusted) and brokerage-3.2 (50)
            .Sell("2024-03-01", 20, 9m, lots: "brokerage-3.2")
            .Sell("2024-03-02", 110, 9m, lots: "brokerage-3");

        trades.Sales().Select(s => (s.LotId, s.Quantity)).Skip(1).Should().Equal(("brokerage-3.2", 20m), ("brokerage-3", 100m), ("brokerage-3.2", 10m));
        trades.Lots().Should().ContainSingle().Which.Should().Match<TaxLot>(l => l.Id == "brokerage-3.2" && l.Quantity == 20m);
    }

    [Theory]
    [InlineData("brokerage-9", "lot brokerage-9 does not exist")]
    [InlineData("joint-1", "lot joint-1 is not a lot of account brokerage")]
    [InlineData("brokerage-2", "lot brokerage-2 holds ABC, not XYZ")]
    [InlineData("brokerage-1.2", "lot brokerage-1.2 does not exist")]
    [InlineData("lot-one", "'lot-one' is not a lot id")]
    public void A_sale_naming_a_lot_that_is_not_there_is_refused_naming_it(string lot, string expected)
    {
        var trades = new Trades()
            .Buy("2023-01-03", 100, 10m)
            .Buy("2023-01-04", 100, 10m, symbol: "ABC");

        var sell = () => trades.Sell("2023-06-01", 50, 15m, lots: lot);

        sell.Should().Throw<TaxLotException>().WithMessage($"*{expected}*");
    }

    [Fact]
    public void A_sale_of_more_than_the_named_lots_hold_is_refused_naming_them()
    {
        var trades = new Trades()
            .Buy("2023-01-03", 100, 10m)
            .Buy("2023-01-04", 100, 10m);

        var sell = () => trades.Sell("2023-06-01", 150, 15m, lots: "brokerage-2");

        sell.Should().Throw<TaxLotException>().WithMessage("*lots brokerage-2 hold 100 XYZ; the fill closes 150*");
    }

    [Fact]
    public void A_sale_of_more_than_the_account_holds_is_refused_and_changes_nothing()
    {
        var trades = new Trades().Buy("2023-01-03", 100, 10m);

        var sell = () => trades.Sell("2023-06-01", 150, 15m);

        sell.Should().Throw<TaxLotException>().WithMessage("*account brokerage holds 100 XYZ in long lots; the fill closes 150*");
        trades.Lots().Should().ContainSingle().Which.Quantity.Should().Be(100m);
        trades.Buy("2023-06-02", 1, 10m).Lots().Last().Id.Should().Be("brokerage-2", "the refused fill took no ordinal");
    }

    [Fact]
    public void Fills_out_of_time_order_unknown_accounts_and_buys_naming_lots_are_refused()
    {
        var trades = new Trades().Buy("2023-06-01", 100, 10m);

        FluentActions.Invoking(() => trades.Buy("2023-05-31", 1, 10m)).Should().Throw<TaxLotException>().WithMessage("*time order*");
        FluentActions.Invoking(() => trades.Buy("2023-06-02", 1, 10m, account: "nobody")).Should().Throw<TaxLotException>().WithMessage("*account nobody is not known*");
        FluentActions.Invoking(() => trades.Fill(new Fill(Trades.Noon("2023-06-02"), Trades.Taxable, "XYZ", TradeSide.Buy, 1, 10m, ["brokerage-1"])))
            .Should().Throw<TaxLotException>().WithMessage("*cannot name lots*");
        FluentActions.Invoking(() => trades.Buy("2023-06-02", 0, 10m)).Should().Throw<TaxLotException>().WithMessage("*quantity must be positive*");
    }

    [Fact]
    public void An_account_id_can_be_in_the_book_only_once()
    {
        var book = new TaxLotBook(Trades.Accounts);

        FluentActions.Invoking(() => book.AddAccount(new ComplianceAccount(Trades.Taxable, "carol", AccountKind.Cash, 0)))
            .Should().Throw<TaxLotException>().WithMessage("*account brokerage is already in the book*");
    }

    [Fact]
    public void Selling_a_short_lot_or_covering_a_long_one_is_refused()
    {
        var trades = new Trades()
            .Buy("2023-01-03", 100, 10m)
            .SellShort("2023-01-03", 100, 10m, symbol: "ABC");

        FluentActions.Invoking(() => trades.Cover("2023-06-01", 10, 10m)).Should().Throw<TaxLotException>().WithMessage("*holds 0 XYZ in short lots*");
        FluentActions.Invoking(() => trades.Sell("2023-06-01", 10, 10m, symbol: "ABC", lots: "brokerage-2"))
            .Should().Throw<TaxLotException>().WithMessage("*lot brokerage-2 is a short lot; this fill closes long lots*");
    }

    [Fact]
    public void The_book_routes_fills_by_owner_and_applies_a_fills_file_in_time_order()
    {
        Fill[] fills =
        [
            new(Trades.Noon("2024-02-02"), Trades.OtherTaxable, "XYZ", TradeSide.Buy, 100, 9m),
            new(Trades.Noon("2024-01-02"), Trades.Taxable, "XYZ", TradeSide.Buy, 100, 10m),
            new(Trades.Noon("2024-02-01"), Trades.Taxable, "XYZ", TradeSide.Sell, 100, 9m),
            new(Trades.Noon("2024-02-03"), Trades.Stranger, "XYZ", TradeSide.Buy, 100, 9m),
        ];

        var book = TaxLotBook.Build(Trades.Accounts, fills);

        book.RealizedSales().Should().ContainSingle().Which.DisallowedLoss.Should().Be(100m);
        book.Lots().Select(l => (l.Id, l.AdjustedBasis)).Should().Equal(("joint-1", 1_000m), ("bob-brokerage-1", 900m));
    }
}
