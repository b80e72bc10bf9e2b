namespace SmartTrader.Compliance.TaxLots;

/// <summary>
/// What the wash-sale rule says about a proposed order, as flat properties the pre-trade rules read
/// (<c>washSale.WouldWashRecentLoss</c>, ...). Quantities are shares (an option contract counts its multiplier).
/// </summary>
public sealed record WashSaleFacts
{
    public static WashSaleFacts None { get; } = new() { Description = "no wash sale" };

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

    public string Description { get; init; } = "";
}
