namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// A lot, or a part of one split off by a wash sale. Every unit of a part has the same basis per unit and adjusted
/// acquisition date: a part receives at most one wash-sale adjustment, because each replacement share is used once.
/// </summary>
internal sealed class LotPart(LotFamily family, Position position, LotDirection direction, int partNumber)
{
    public LotFamily Family { get; } = family;
    public Position Position { get; } = position;
    public LotDirection Direction { get; } = direction;
    public int PartNumber { get; } = partNumber;

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

    /// <summary>The loss sale whose disallowed loss this part carries.</summary>
    public SaleRecord? ReplacedLoss { get; set; }

    /// <summary>Shares of this part that may still replace a loss sale.</summary>
    public decimal ReplacementCapacity { get; set; }

    /// <summary>Shares of this part sold before being used as replacements (kept only with ReplacementsMayBeAlreadySold).</summary>
    public List<SoldShares>? SoldUnused { get; set; }

    /// <summary>The part that took this one's unused shares when a wash sale split it.</summary>
    public LotPart? SplitRemainder { get; set; }

    public decimal Shares => Quantity * Multiplier;
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
}

/// <summary>Shares of a part that a sale closed while they could still replace a loss.</summary>
internal sealed class SoldShares(SaleRecord sale, decimal shares)
{
    public SaleRecord Sale { get; } = sale;
    public decimal Shares { get; set; } = shares;
}
