namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// The closing of one lot part by one fill. Kept by index in the ledger's <see cref="SaleBook"/>: a later purchase
/// can still turn its loss into a wash sale (and, with ReplacementsMayBeAlreadySold, a later loss can add to its
/// cost). It names its lot by numbers, so closed lots can be forgotten; what every part the fill closed shares is in
/// its <see cref="ClosingFill"/>.
/// </summary>
internal struct SaleData
{
    /// <summary>The index of the <see cref="ClosingFill"/> in the <see cref="SaleBook"/>.</summary>
    public int Fill;

    public int FamilyOrdinal;
    public int PartNumber;
    public int AcquiredOn;
    public int AdjustedAcquiredOn;

    /// <summary>1 + the index of the first <see cref="MatchData"/>; 0 when there is none.</summary>
    public int FirstMatch;

    public decimal Quantity;
    public decimal Proceeds;

    /// <summary>Cost at the sale, including <see cref="AdjustmentInCost"/>.</summary>
    public decimal Cost;

    public decimal AdjustmentInCost;

    /// <summary>Disallowed loss, including any part disallowed for good (those matches say IsPermanent).</summary>
    public decimal Disallowed;

    /// <summary>The loss the wash-sale rule looks at: the loss at the time of the sale (positive), or 0.</summary>
    public readonly decimal Loss => Cost > Proceeds ? Cost - Proceeds : 0;
}

/// <summary>A fill that closed lot parts: what all the sales it made share, kept once for them.</summary>
internal struct ClosingFill
{
    public int Account;
    public int Position;
    public LotDirection Direction;
    public int FillOrdinal;
    public long SoldAtUtcTicks;
    public short SoldAtOffsetMinutes;
    public int SaleDay;

    public readonly DateTimeOffset SoldAt =>
        new DateTimeOffset(SoldAtUtcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(SoldAtOffsetMinutes));
}

/// <summary>Replacement shares matched to a loss sale, named by their lot's numbers.</summary>
internal struct MatchData
{
    public int Account;
    public int FamilyOrdinal;
    public int PartNumber;
    public int AcquiredOn;
    public decimal Shares;
    public decimal Disallowed;
    public bool IsPermanent;
    public bool AlreadySold;

    /// <summary>1 + the index of the loss sale's next match; 0 at the last.</summary>
    public int Next;
}

/// <summary>A loss sale some of whose shares no replacement has been matched to yet.</summary>
internal struct PendingLoss(int sale, int saleDay, decimal unwashedShares)
{
    public readonly int Sale = sale;
    public readonly int SaleDay = saleDay;
    public decimal UnwashedShares = unwashedShares;
}
