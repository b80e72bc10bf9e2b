using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>The 61-day window: 30 calendar days before and after the sale's New York trade date, inclusive.</summary>
public sealed class WashSaleWindowTests
{
    [Theory]
    [InlineData("2024-03-31", true)]  // day 30 after the sale
    [InlineData("2024-04-01", false)] // day 31
    public void A_purchase_after_the_loss_sale_washes_it_up_to_day_30(string bought, bool washed)
    {
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Sell("2024-03-01", 100, 8m)
            .Buy(bought, 100, 9m);

        trades.Sale("brokerage-1").IsWashSale.Should().Be(washed);
        trades.Lot("brokerage-3").AdjustedBasis.Should().Be(washed ? 1_100m : 900m);
    }

    [Theory]
    [InlineData("2024-01-31", true)]  // day 30 before the sale
    [InlineData("2024-01-30", false)] // day 31
    public void A_purchase_before_the_loss_sale_washes_it_from_day_30(string bought, bool washed)
    {
        var trades = new Trades()
            .Buy("2023-06-01", 100, 10m)
            .Buy(bought, 100, 9m)
            .Sell("2024-03-01", 100, 8m);

        trades.Sale("brokerage-1").IsWashSale.Should().Be(washed);
        trades.Lot("brokerage-2").WashSaleAdjustment.Should().Be(washed ? 200m : 0m);
    }

    [Fact]
    public void Days_are_counted_on_New_York_trade_dates_not_in_UTC()
    {
        // Sold at 23:30 New York time on 1 March (already 2 March in UTC); the clocks change on 10 March.
        var trades = new Trades()
            .Buy("2024-01-02", 100, 10m)
            .Fill(new Fill(new DateTimeOffset(2024, 3, 2, 4, 30, 0, TimeSpan.Zero), Trades.Taxable, "XYZ", TradeSide.Sell, 100, 8m))
            // 23:30 on 31 March in New York (day 30) is 03:30 on 1 April in UTC.
            .Fill(new Fill(new DateTimeOffset(2024, 4, 1, 3, 30, 0, TimeSpan.Zero), Trades.Taxable, "XYZ", TradeSide.Buy, 50, 9m))
            // 00:30 on 1 April in New York is day 31.
            .Fill(new Fill(new DateTimeOffset(2024, 4, 1, 4, 30, 0, TimeSpan.Zero), Trades.Taxable, "XYZ", TradeSide.Buy, 50, 9m));

        var sale = trades.Sale("brokerage-1");
        sale.SaleDate.Should().Be(Trades.Day("2024-03-01"));
        sale.DisallowedLoss.Should().Be(100m, "only the 50 shares bought on day 30 replace");
        trades.Lot("brokerage-3").AcquiredOn.Should().Be(Trades.Day("2024-03-31"));
        trades.Lot("brokerage-4").AcquiredOn.Should().Be(Trades.Day("2024-04-01"));
        trades.Lot("brokerage-4").WashSaleAdjustment.Should().Be(0m);
    }
}
