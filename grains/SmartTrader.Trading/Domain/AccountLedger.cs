using System.Text.Json.Serialization;

namespace SmartTrader.Trading.Domain;

/// <summary>
/// An account's cash, positions and tax lots, and the buying power held back for open orders. Amounts are decimal and
/// rounded to the cent. Commissions are charged to realised P&amp;L when paid; they are not capitalised into lot cost.
/// Sells and covers close lots first-in, first-out.
/// </summary>
public sealed class AccountLedger
{
    public AccountType Type { get; set; }
    public decimal Cash { get; set; }

    /// <summary>Buying power held for open orders, by order id.</summary>
    public Dictionary<string, decimal> Reservations { get; set; } = [];

    public Dictionary<string, Position> Positions { get; set; } = [];
    public long LotSequence { get; set; }

    [JsonIgnore] public decimal ReservedCash => Reservations.Values.Sum();

    [JsonIgnore] public decimal RealizedPnl => Positions.Values.Sum(p => p.RealizedPnl);

    public decimal PositionQuantity(string symbol) => Positions.TryGetValue(symbol, out var p) ? p.Quantity : 0m;

    public void Reserve(string orderId, decimal amount)
    {
        if (amount > 0m) Reservations[orderId] = Money.Cents(amount);
        else Reservations.Remove(orderId);
    }

    public void Release(string orderId) => Reservations.Remove(orderId);

    /// <summary>Books a fill; returns the P&amp;L it realised, net of its commission.</summary>
    public decimal ApplyFill(string symbol, OrderSide side, decimal quantity, decimal price, decimal commission, DateTimeOffset time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var position = PositionFor(symbol);
        var notional = Money.Cents(quantity * price);
        var realized = side switch
        {
            OrderSide.Buy => Open(position, quantity, price, time, mustBeShort: false),
            OrderSide.SellShort => Open(position, -quantity, price, time, mustBeShort: true),
            OrderSide.Sell => Close(position, quantity, price, closingLong: true),
            OrderSide.BuyToCover => Close(position, quantity, price, closingLong: false),
            _ => throw new ArgumentOutOfRangeException(nameof(side)),
        };
        var buying = side is OrderSide.Buy or OrderSide.BuyToCover;
        Cash += (buying ? -notional : notional) - commission;
        realized = Money.Cents(realized) - commission;
        position.RealizedPnl += realized;
        position.LastPrice = price;
        return realized;
    }

    public Valuation Value(Func<string, decimal?> mark)
    {
        decimal marketValue = 0m, gross = 0m, unrealized = 0m;
        foreach (var position in Positions.Values)
        {
            var price = mark(position.Symbol) ?? position.LastPrice;
            var value = position.MarketValue(price);
            marketValue += value;
            gross += Math.Abs(value);
            unrealized += position.UnrealizedPnl(price);
        }
        return new Valuation(Cash, marketValue, gross, unrealized);
    }

    /// <summary>
    /// Cash and IRA accounts: cash not held for open orders. Margin accounts (Reg-T style, 50% initial margin):
    /// twice the equity, less gross exposure, less buying power held for open orders.
    /// </summary>
    public decimal BuyingPower(Valuation valuation) => Type switch
    {
        AccountType.Margin => 2m * valuation.Equity - valuation.GrossExposure - ReservedCash,
        _ => Cash - ReservedCash,
    };

    private Position PositionFor(string symbol)
    {
        if (!Positions.TryGetValue(symbol, out var position))
            Positions[symbol] = position = new Position { Symbol = symbol };
        return position;
    }

    private decimal Open(Position position, decimal signedQuantity, decimal price, DateTimeOffset time, bool mustBeShort)
    {
        var current = position.Quantity;
        if (mustBeShort ? current > 0m : current < 0m)
            throw new InvalidOperationException($"Cannot open {(mustBeShort ? "a short" : "a long")} {position.Symbol} position while holding the opposite one.");
        position.Lots.Add(new TaxLot($"{position.Symbol}-{++LotSequence}", position.Symbol, signedQuantity, price, time));
        return 0m;
    }

    private static decimal Close(Position position, decimal quantity, decimal price, bool closingLong)
    {
        var held = closingLong ? position.Quantity : -position.Quantity;
        if (quantity > held)
            throw new InvalidOperationException($"Cannot close {quantity} {position.Symbol}: only {Math.Max(held, 0m)} held {(closingLong ? "long" : "short")}.");

        decimal realized = 0m, left = quantity;
        while (left > 0m)
        {
            var lot = position.Lots[0];
            var take = Math.Min(left, Math.Abs(lot.Quantity));
            realized += closingLong ? (price - lot.CostPerShare) * take : (lot.CostPerShare - price) * take;
            left -= take;
            var remaining = Math.Abs(lot.Quantity) - take;
            if (remaining == 0m) position.Lots.RemoveAt(0);
            else position.Lots[0] = lot with { Quantity = closingLong ? remaining : -remaining };
        }
        return realized;
    }
}
