using System.Text.Json.Serialization;

namespace SmartTrader.Trading.Domain;

/// <summary>
/// One symbol's open lots (all long or all short, oldest first) and the P&amp;L realised on it so far. A position
/// whose lots are all closed is kept for its realised P&amp;L.
/// </summary>
public sealed class Position
{
    public required string Symbol { get; init; }
    public List<TaxLot> Lots { get; set; } = [];
    public decimal RealizedPnl { get; set; }

    /// <summary>The last price this position traded or was marked at; the mark when no quote is at hand.</summary>
    public decimal LastPrice { get; set; }

    [JsonIgnore] public decimal Quantity => Lots.Sum(l => l.Quantity);

    [JsonIgnore]
    public decimal AverageCost
    {
        get
        {
            var shares = Lots.Sum(l => Math.Abs(l.Quantity));
            return shares == 0m ? 0m : Math.Round(Lots.Sum(l => Math.Abs(l.Quantity) * l.CostPerShare) / shares, 4, MidpointRounding.AwayFromZero);
        }
    }

    public decimal MarketValue(decimal mark) => Money.Cents(Quantity * mark);

    public decimal UnrealizedPnl(decimal mark) => Money.Cents(Lots.Sum(l => (mark - l.CostPerShare) * l.Quantity));
}
