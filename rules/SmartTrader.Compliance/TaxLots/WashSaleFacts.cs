using System.Globalization;

namespace SmartTrader.Compliance.TaxLots;

/// <summary>
/// What the wash-sale rule says about a proposed order, as flat properties the pre-trade rules read
/// (<c>washSale.WouldWashRecentLoss</c>, ...). Quantities are shares (an option contract counts its multiplier).
/// </summary>
public sealed record WashSaleFacts
{
    public static WashSaleFacts None { get; } = new();

    /// <summary>The order acquires shares (a buy, a call bought, or a short sale for short losses) that would replace a recent loss sale.</summary>
    public bool WouldWashRecentLoss { get; init; }

    /// <summary>The order would realize a loss that shares acquired in the last 30 days replace.</summary>
    public bool WouldBeWashedByRecentBuy { get; init; }

    public bool IsWashSale => WouldWashRecentLoss || WouldBeWashedByRecentBuy;

    /// <summary>The loss the wash sale would disallow.</summary>
    public decimal DisallowedAmount { get; init; }

    /// <summary>Shares matched between the loss sales and the replacements.</summary>
    public decimal MatchedQuantity { get; init; }

    /// <summary>The replacement is in an IRA: the disallowed loss would be lost for good, not added to a basis.</summary>
    public bool IsPermanent { get; init; }

    /// <summary>For a sale or cover: the loss it would realize at the estimated price (0 when it would gain).</summary>
    public decimal EstimatedLoss { get; init; }

    /// <summary>How many earlier loss sales (for an acquisition) or replacement lots (for a sale) are matched.</summary>
    public int MatchedTrades { get; init; }

    /// <summary>Why the facts could not be worked out (e.g. the order names a lot that is not there), or null.</summary>
    public string? NotEvaluated { get; init; }

    /// <summary>The order the facts are about: side, symbol, its underlying, quantity and the price used.</summary>
    public TradeSide Side { get; init; }
    public string Symbol { get; init; } = "";
    public string Underlying { get; init; } = "";
    public decimal Quantity { get; init; }
    public decimal Price { get; init; }

    /// <summary>One sentence for a warning message; written when asked for, so working out facts stays cheap.</summary>
    public string Description
    {
        get
        {
            var invariant = CultureInfo.InvariantCulture;
            if (NotEvaluated is not null)
                return "not evaluated: " + NotEvaluated;
            if (WouldWashRecentLoss)
                return string.Create(invariant, $"{Side} {Quantity} {Symbol} replaces {MatchedQuantity} {Underlying} shares of {MatchedTrades} loss sale(s) in the last 30 days: {DisallowedAmount:0.##} of loss disallowed{(IsPermanent ? " for good (the purchase is in an IRA)" : "")}");
            if (WouldBeWashedByRecentBuy)
                return string.Create(invariant, $"{Side} {Quantity} {Symbol} at {Price} realizes a loss of {EstimatedLoss:0.##}; {MatchedQuantity} shares acquired in the last 30 days replace it: {DisallowedAmount:0.##} disallowed{(IsPermanent ? ", part of it for good (IRA replacement)" : "")}");
            if (EstimatedLoss > 0)
                return string.Create(invariant, $"{Side} {Quantity} {Symbol} at {Price} realizes a loss of {EstimatedLoss:0.##}; nothing acquired in the last 30 days replaces it");
            return "no wash sale";
        }
    }
}
