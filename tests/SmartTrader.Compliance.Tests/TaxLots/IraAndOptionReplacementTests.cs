using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>Replacements bought in an IRA (Rev. Rul. 2008-5) and options to buy the stock.</summary>
public sealed class IraAndOptionReplacementTests
{
    [Fact]
    public void An_IRA_purchase_after_the_loss_disallows_it_for_good_and_leaves_the_IRA_basis_alone()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 8m)
            .Buy("2024-02-15", 100, 8.5m, account: Trades.Ira);

        var sale = trades.Sale("brokerage-1");
        sale.Should().Match<RealizedSale>(s => s.DisallowedLoss == 200m && s.PermanentlyDisallowedLoss == 200m
            && s.IsPermanentlyDisallowed && s.IsWashSale && s.RecognizedGainOrLoss == 0m);
        sale.Replacements.Should().ContainSingle(r => r.IsPermanent && r.ReplacementLotId == "ira-1");
        trades.Lot("ira-1").Should().Match<TaxLot>(l => l.AdjustedBasis == 850m && l.WashSaleAdjustment == 0m
            && l.AdjustedAcquiredOn == Trades.Day("2024-02-15"));
    }

    [Fact]
    public void An_IRA_purchase_before_the_loss_also_disallows_it_for_good()
    {
        var trades = new Trades()
            .Buy("2023-06-01", 100, 10m)
            .Buy("2024-01-20", 100, 9m, account: Trades.Ira)
            .Sell("2024-02-01", 100, 8m);

        trades.Sale("brokerage-1").PermanentlyDisallowedLoss.Should().Be(200m);
        trades.Lot("ira-1").AdjustedBasis.Should().Be(900m);
    }

    [Fact]
    public void IRA_and_taxable_replacements_split_one_loss_in_acquisition_order()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 8m)
            .Buy("2024-02-02", 50, 8m, account: Trades.Ira)
            .Buy("2024-02-03", 50, 8m);

        var sale = trades.Sale("brokerage-1");
        sale.DisallowedLoss.Should().Be(200m);
        sale.PermanentlyDisallowedLoss.Should().Be(100m);
        trades.Lot("brokerage-3").AdjustedBasis.Should().Be(500m);
    }

    [Fact]
    public void A_loss_inside_the_IRA_is_not_a_wash_sale()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m, account: Trades.Ira)
            .Sell("2024-02-01", 100, 8m, account: Trades.Ira)
            .Buy("2024-02-02", 100, 8m, account: Trades.Ira)
            .Buy("2024-02-02", 100, 8m);

        trades.Sale("ira-1").IsWashSale.Should().BeFalse();
        trades.Lot("ira-3").AdjustedBasis.Should().Be(800m);
        trades.Lot("brokerage-1").AdjustedBasis.Should().Be(800m);
    }

    [Fact]
    public void Buying_a_call_replaces_as_many_shares_as_its_multiplier_and_takes_the_loss_into_its_premium()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 7m)
            .BuyCall("2024-02-05", 1, 2m);

        trades.Sale("brokerage-1").DisallowedLoss.Should().Be(300m);
        trades.Lot("brokerage-3").Should().Match<TaxLot>(l => l.Symbol == "XYZC" && l.Quantity == 1m && l.Multiplier == 100
            && l.Basis == 200m && l.AdjustedBasis == 500m && l.AdjustedAcquiredOn == Trades.Day("2024-01-06"));
    }

    [Fact]
    public void A_call_covering_fewer_shares_than_were_sold_disallows_that_fraction()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 150, 10m)
            .Sell("2024-02-01", 150, 7m)
            .BuyCall("2024-02-05", 1, 2m);

        trades.Sale("brokerage-1").DisallowedLoss.Should().Be(300m);
        trades.Sale("brokerage-1").RecognizedGainOrLoss.Should().Be(-150m);
    }

    [Fact]
    public void A_call_lot_partly_used_splits_into_fractional_contracts()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 150, 10m)
            .Sell("2024-02-01", 150, 7m)
            .BuyCall("2024-02-05", 2, 2m);

        trades.Lot("brokerage-3").Should().Match<TaxLot>(l => l.Quantity == 1.5m && l.Basis == 300m && l.AdjustedBasis == 750m);
        trades.Lot("brokerage-3.2").Should().Match<TaxLot>(l => l.Quantity == 0.5m && l.AdjustedBasis == 100m);
    }

    [Fact]
    public void A_call_bought_before_the_loss_sale_replaces_it()
    {
        var trades = new Trades()
            .Buy("2023-06-01", 100, 10m)
            .BuyCall("2024-01-25", 1, 1m)
            .Sell("2024-02-01", 100, 9m);

        trades.Sale("brokerage-1").DisallowedLoss.Should().Be(100m);
        trades.Lot("brokerage-2").AdjustedBasis.Should().Be(200m);
    }

    [Fact]
    public void Buying_a_put_is_not_acquiring_the_stock()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 7m)
            .BuyPut("2024-02-05", 1, 2m);

        trades.Sale("brokerage-1").IsWashSale.Should().BeFalse();
    }

    [Fact]
    public void Selling_the_call_realizes_the_deferred_loss_and_is_itself_not_tested()
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-02-01", 100, 7m)
            .BuyCall("2024-02-05", 1, 2m)
            .Fill(new Fill(Trades.Noon("2024-02-20"), Trades.Taxable, "XYZC", TradeSide.Sell, 1, 1m))
            .Buy("2024-02-21", 100, 7m);

        var callSale = trades.Sale("brokerage-3");
        callSale.Should().Match<RealizedSale>(s => s.Proceeds == 100m && s.Cost == 500m && s.GainOrLoss == -400m && !s.IsWashSale);
        trades.Lot("brokerage-5").AdjustedBasis.Should().Be(700m);
    }
}
