namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// The wash-sale state of one owner, one underlying and one direction: the recent acquisitions that can still
/// replace a loss (in acquisition order) and the recent loss sales not yet fully replaced (in sale order). Both only
/// hold what a trade on or after the last trade date can still match: nothing older than 30 days.
/// </summary>
internal sealed class WashSalePool(PartPool parts)
{
    public const int WindowDays = 30;

    public LotPart? RecentHead { get; private set; }
    public LotPart? RecentTail { get; private set; }

    public RingQueue<PendingLoss> PendingLosses { get; } = new();

    /// <summary>Forgets what a trade on <paramref name="day"/> or later can no longer match.</summary>
    public void Advance(int day)
    {
        while (RecentHead is { } oldest && oldest.AcquiredOn < day - WindowDays)
            RemoveRecent(oldest);
        while (PendingLosses.Count > 0 && (PendingLosses.Peek().UnwashedShares == 0 || PendingLosses.Peek().SaleDay < day - WindowDays))
            PendingLosses.Dequeue();
    }

    public void AppendRecent(LotPart part)
    {
        part.PreviousRecent = RecentTail;
        part.NextRecent = null;
        if (RecentTail is null) RecentHead = part; else RecentTail.NextRecent = part;
        RecentTail = part;
        part.IsRecent = true;
    }

    /// <summary>Puts <paramref name="part"/> where <paramref name="replaced"/> was: same acquisition order.</summary>
    public void ReplaceRecent(LotPart replaced, LotPart part)
    {
        part.PreviousRecent = replaced.PreviousRecent;
        part.NextRecent = replaced.NextRecent;
        if (replaced.PreviousRecent is null) RecentHead = part; else replaced.PreviousRecent.NextRecent = part;
        if (replaced.NextRecent is null) RecentTail = part; else replaced.NextRecent.PreviousRecent = part;
        part.IsRecent = true;
        replaced.PreviousRecent = replaced.NextRecent = null;
        replaced.IsRecent = false;
        parts.ReleaseIfDead(replaced);
    }

    public void RemoveRecent(LotPart part)
    {
        if (part.PreviousRecent is null) RecentHead = part.NextRecent; else part.PreviousRecent.NextRecent = part.NextRecent;
        if (part.NextRecent is null) RecentTail = part.PreviousRecent; else part.NextRecent.PreviousRecent = part.PreviousRecent;
        part.PreviousRecent = part.NextRecent = null;
        part.IsRecent = false;
        parts.ReleaseIfDead(part);
    }
}

/// <summary>The long and short wash-sale pools of one owner and underlying.</summary>
internal sealed class UnderlyingPools(PartPool parts)
{
    public WashSalePool Long { get; } = new(parts);
    public WashSalePool Short { get; } = new(parts);

    public WashSalePool For(LotDirection direction) => direction == LotDirection.Long ? Long : Short;
}
