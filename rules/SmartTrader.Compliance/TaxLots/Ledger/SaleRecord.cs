namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// The closing of one part by one fill, kept mutable because a later purchase can still turn its loss into a wash
/// sale (and, with ReplacementsMayBeAlreadySold, a later loss can add to its cost).
/// </summary>
internal sealed class SaleRecord
{
    public required LotPart Part { get; init; }
    public required int FillOrdinal { get; init; }
    public required long FillSequence { get; init; }
    public required DateTimeOffset SoldAt { get; init; }
    public required int SaleDay { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal Proceeds { get; init; }

    /// <summary>Cost at the sale, including <see cref="WashSaleAdjustmentInCost"/>.</summary>
    public required decimal Cost { get; init; }

    public required decimal WashSaleAdjustmentInCost { get; init; }
    public required int AcquiredOn { get; init; }
    public required int AdjustedAcquiredOn { get; init; }

    public decimal CostAddedLater { get; set; }
    public decimal Disallowed { get; set; }
    public decimal PermanentlyDisallowed { get; set; }

    /// <summary>Loss shares no replacement has been matched to yet (0 for gains and for sales the rule does not test).</summary>
    public decimal UnwashedShares { get; set; }

    public List<MatchRecord>? Matches { get; set; }

    public AccountBook Account => Part.Account;
    public decimal LossShares => Quantity * Part.Multiplier;

    /// <summary>The loss the wash-sale rule looks at: the loss at the time of the sale (positive), or 0.</summary>
    public decimal Loss => Cost > Proceeds ? Cost - Proceeds : 0;

    public string LotId => Part.Id;

    /// <summary>The loss on <paramref name="shares"/> more shares; the last shares take what is left, so the parts add up.</summary>
    public decimal DisallowedFor(decimal shares) =>
        shares >= UnwashedShares ? Loss - Disallowed : Loss * shares / LossShares;

    /// <summary>Days the sold shares were held, counted from the adjusted acquisition date.</summary>
    public int HoldingDays => SaleDay - AdjustedAcquiredOn;
}

/// <summary>Replacement shares matched to a loss: a part still held, or shares an earlier sale closed.</summary>
internal sealed record MatchRecord(LotPart Replacement, SaleRecord? AlreadySoldIn, decimal Shares, decimal Disallowed, bool IsPermanent);
