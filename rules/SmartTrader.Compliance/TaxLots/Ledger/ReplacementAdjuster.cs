namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// Carries out one planned match: the loss sale records the disallowed loss, and the replacement takes it into its
/// basis with the sold shares' holding period (or, bought in an IRA, takes nothing: the loss is lost for good).
/// A replacement lot matched for only part of its shares is split so that each part has one basis per share.
/// </summary>
internal static class ReplacementAdjuster
{
    /// <summary>Returns the part that keeps the replacement's unused shares (the split-off remainder, if any).</summary>
    public static LotPart Apply(SaleRecord loss, LotPart replacement, decimal shares, decimal disallowed, long fillSequence)
    {
        while (replacement.SplitRemainder is { } remainder && replacement.ReplacementCapacity == 0)
            replacement = remainder;

        loss.Disallowed += disallowed;
        loss.UnwashedShares -= shares;
        loss.Matches ??= [];

        if (replacement.Account.IsIra)
        {
            loss.PermanentlyDisallowed += disallowed;
            loss.Matches.Add(new MatchRecord(replacement, null, shares, disallowed, IsPermanent: true));
            UseCapacity(replacement, shares);
            return replacement;
        }

        var heldShares = Math.Min(shares, replacement.Shares);
        var holder = replacement;
        var disallowedOnHeld = 0m;
        if (heldShares > 0)
        {
            disallowedOnHeld = heldShares == shares ? disallowed : disallowed * heldShares / shares;
            holder = SplitOff(replacement, heldShares);
            replacement.WashSaleAdjustment += disallowedOnHeld;
            replacement.ReplacedLoss = loss;
            if (replacement.Direction == LotDirection.Long)
                replacement.AdjustedAcquiredOn = replacement.AcquiredOn - loss.HoldingDays;
            loss.Matches.Add(new MatchRecord(replacement, null, heldShares, disallowedOnHeld, IsPermanent: false));
        }

        if (shares > heldShares)
            ChargeEarlierSales(loss, holder, shares - heldShares, disallowed - disallowedOnHeld, fillSequence);
        return holder;
    }

    /// <summary>
    /// Leaves <paramref name="part"/> with <paramref name="heldShares"/> shares and no replacement capacity; the rest
    /// of its units and of its capacity go to a new part right behind it.
    /// </summary>
    private static LotPart SplitOff(LotPart part, decimal heldShares)
    {
        var keptUnits = heldShares / part.Multiplier;
        var remainingCapacity = part.ReplacementCapacity - heldShares;
        var pool = part.Position.AcquisitionPool(part.Direction)!;
        if (keptUnits == part.Quantity && remainingCapacity == 0)
        {
            part.ReplacementCapacity = 0;
            if (part.IsRecent)
                pool.RemoveRecent(part);
            return part;
        }

        var rest = new LotPart(part.Family, part.Position, part.Direction, ++part.Family.PartsCreated)
        {
            Quantity = part.Quantity - keptUnits,
            Price = part.Price,
            AcquiredOn = part.AcquiredOn,
            AdjustedAcquiredOn = part.AdjustedAcquiredOn,
            ReplacementCapacity = remainingCapacity,
            SoldUnused = part.SoldUnused,
        };
        part.Quantity = keptUnits;
        part.ReplacementCapacity = 0;
        part.SoldUnused = null;
        part.SplitRemainder = rest;
        if (rest.Quantity > 0)
            part.Position.Chain(part.Direction).InsertAfter(part, rest);
        if (part.IsRecent)
        {
            if (rest.ReplacementCapacity > 0) pool.ReplaceRecent(part, rest);
            else pool.RemoveRecent(part);
        }
        return rest;
    }

    /// <summary>
    /// With ReplacementsMayBeAlreadySold: the loss matched to shares an earlier sale closed goes into that sale's
    /// cost, in the order those sales happened. Shares the current fill sells are never used.
    /// </summary>
    private static void ChargeEarlierSales(SaleRecord loss, LotPart holder, decimal shares, decimal disallowed, long fillSequence)
    {
        var remainingShares = shares;
        var remainingLoss = disallowed;
        foreach (var sold in holder.SoldUnused!)
        {
            if (sold.Shares == 0 || sold.Sale.FillSequence == fillSequence)
                continue;
            var take = Math.Min(sold.Shares, remainingShares);
            var charge = take == remainingShares ? remainingLoss : disallowed * take / shares;
            sold.Shares -= take;
            sold.Sale.CostAddedLater += charge;
            loss.Matches!.Add(new MatchRecord(holder, sold.Sale, take, charge, IsPermanent: false));
            remainingShares -= take;
            remainingLoss -= charge;
            if (remainingShares == 0)
                break;
        }
        UseCapacity(holder, shares - remainingShares);
    }

    private static void UseCapacity(LotPart part, decimal shares)
    {
        part.ReplacementCapacity -= shares;
        if (part.ReplacementCapacity <= 0 && part.IsRecent)
            part.Position.AcquisitionPool(part.Direction)!.RemoveRecent(part);
    }
}
