namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// A lot, or a part of one split off by a wash sale. Every unit of a part has the same basis per unit and adjusted
/// acquisition date: a part receives at most one wash-sale adjustment, because each replacement share is used once.
/// Parts are reused once closed (see <see cref="PartPool"/>); <see cref="Reset"/> starts one afresh.
/// </summary>
internal sealed class LotPart
{
    public LotFamily Family { get; private set; } = null!;
    public Position Position { get; private set; } = null!;
    public LotDirection Direction { get; private set; }
    public int PartNumber { get; private set; }

    public AccountBook Account => Family.Account;
    public int Multiplier => Position.Multiplier;

    /// <summary>Units still held (shares, or option contracts).</summary>
    public decimal Quantity { get; set; }

    /// <summary>Price per unit of the opening fill.</summary>
    public decimal Price { get; set; }

    /// <summary>Deferred wash-sale loss carried by the units still held.</summary>
    public decimal WashSaleAdjustment { get; set; }

    public int AcquiredOn { get; set; }
    public int AdjustedAcquiredOn { get; set; }

    /// <summary>1 + the index of the loss sale whose disallowed loss this part carries; 0 for none.</summary>
    public int ReplacedLoss { get; set; }

    /// <summary>Shares of this part that may still replace a loss sale.</summary>
    public decimal ReplacementCapacity { get; set; }

    /// <summary>Shares of this part sold before being used as replacements (kept only with ReplacementsMayBeAlreadySold).</summary>
    public List<SoldShares>? SoldUnused { get; set; }

    /// <summary>The part that took this one's unused shares when a wash sale split it.</summary>
    public LotPart? SplitRemainder { get; set; }

    public decimal Shares => Position.ToShares(Quantity);
    public string Id => LotIds.Format(Account.Id, Family.Ordinal, PartNumber);

    // The chain of the position's lots, in acquisition order.
    public LotPart? Previous { get; set; }
    public LotPart? Next { get; set; }
    public bool InChain { get; set; }

    // The wash-sale pool's list of recent acquisitions that can still replace a loss.
    public LotPart? PreviousRecent { get; set; }
    public LotPart? NextRecent { get; set; }
    public bool IsRecent { get; set; }

    // Scratch for one sale plan: units the plan closes and shares it matches. Valid while PlanStamp is the plan's.
    public long PlanStamp { get; set; }
    public decimal PlanClosedUnits { get; set; }
    public decimal PlanMatchedShares { get; set; }

    public void Reset(LotFamily family, Position position, LotDirection direction, int partNumber)
    {
        Family = family;
        Position = position;
        Direction = direction;
        PartNumber = partNumber;
        Quantity = Price = WashSaleAdjustment = ReplacementCapacity = 0;
        AcquiredOn = AdjustedAcquiredOn = ReplacedLoss = 0;
        SoldUnused = null;
        SplitRemainder = Previous = Next = PreviousRecent = NextRecent = null;
        InChain = IsRecent = false;
        PlanStamp = 0;
        PlanClosedUnits = PlanMatchedShares = 0;
    }
}

/// <summary>Shares of a part that a sale closed while they could still replace a loss.</summary>
internal sealed class SoldShares(int sale, long fillSequence, decimal shares)
{
    public int Sale { get; } = sale;
    public long FillSequence { get; } = fillSequence;
    public decimal Shares { get; set; } = shares;
}
