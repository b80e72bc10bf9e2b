namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// Carries out one planned match: the loss sale records the disallowed loss, and the replacement takes it into its
/// basis with the sold shares' holding period (or, bought in an IRA, takes nothing: the loss is lost for good).
/// A replacement lot matched for only part of its shares is split so that each part has one basis per share.
/// </summary>
internal sealed class ReplacementAdjuster(SaleBook book, PartPool parts)
{
    /// <summary>Returns the part that keeps the replacement's unused shares (the split-off remainder, if any).</summary>
    public LotPart Apply(int loss, LotPart replacement, decimal shares, decimal disallowed, long fillSequence)
    {
        replacement = HolderOfUnusedShares(replacement);

        ref var sale = ref book.Sales[loss];
        sale.Disallowed += disallowed;
        if (replacement.Account.IsIra)
        {
            book.AddMatch(loss, MatchOf(replacement, shares, disallowed, isPermanent: true));
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
            replacement.ReplacedLoss = loss + 1;
            if (replacement.Direction == LotDirection.Long)
                replacement.AdjustedAcquiredOn = replacement.AcquiredOn - book.HoldingDays(loss);
            book.AddMatch(loss, MatchOf(replacement, heldShares, disallowedOnHeld, isPermanent: false));
        }

        if (shares > heldShares)
            ChargeEarlierSales(loss, holder, shares - heldShares, disallowed - disallowedOnHeld, fillSequence);
        return holder;
    }

    /// <summary>
    /// The part now holding <paramref name="planned"/>'s unused shares: a fill matching one replacement many times
    /// splits it again and again, so the way there is shortened to one step each time.
    /// </summary>
    private static LotPart HolderOfUnusedShares(LotPart planned)
    {
        var holder = planned;
        while (holder.SplitRemainder is { } remainder && holder.ReplacementCapacity == 0)
            holder = remainder;
        if (holder != planned)
            planned.SplitRemainder = holder;
        return holder;
    }

    private static MatchData MatchOf(LotPart part, decimal shares, decimal disallowed, bool isPermanent) => new()
    {
        Account = part.Account.Index,
        FamilyOrdinal = part.Family.Ordinal,
        PartNumber = part.PartNumber,
        AcquiredOn = part.AcquiredOn,
        Shares = shares,
        Disallowed = disallowed,
        IsPermanent = isPermanent,
    };

    /// <summary>
    /// Leaves <paramref name="part"/> with <paramref name="heldShares"/> shares and no replacement capacity; the rest
    /// of its units and of its capacity go to a new part right behind it.
    /// </summary>
    private LotPart SplitOff(LotPart part, decimal heldShares)
    {
        var keptUnits = part.Multiplier == 1 ? heldShares : heldShares / part.Multiplier;
        var remainingCapacity = part.ReplacementCapacity - heldShares;
        var pool = part.Position.AcquisitionPool(part.Direction)!;
        if (keptUnits == part.Quantity && remainingCapacity == 0)
        {
            part.ReplacementCapacity = 0;
            if (part.IsRecent)
                pool.RemoveRecent(part);
            return part;
        }

        var rest = parts.Rent(part.Family, part.Position, part.Direction, ++part.Family.PartsCreated);
        rest.Quantity = part.Quantity - keptUnits;
        rest.Price = part.Price;
        rest.AcquiredOn = part.AcquiredOn;
        rest.AdjustedAcquiredOn = part.AdjustedAcquiredOn;
        rest.ReplacementCapacity = remainingCapacity;
        rest.SoldUnused = part.SoldUnused;
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
    private void ChargeEarlierSales(int loss, LotPart holder, decimal shares, decimal disallowed, long fillSequence)
    {
        var remainingShares = shares;
        var remainingLoss = disallowed;
        foreach (var sold in holder.SoldUnused!)
        {
            if (sold.Shares == 0 || sold.FillSequence == fillSequence)
                continue;
            var take = Math.Min(sold.Shares, remainingShares);
            var charge = take == remainingShares ? remainingLoss : disallowed * take / shares;
            sold.Shares -= take;
            ref readonly var closed = ref book.Sales[sold.Sale];
            book.CostAddedLater[sold.Sale] = book.CostAddedLater.GetValueOrDefault(sold.Sale) + charge;
            book.AddMatch(loss, new MatchData
            {
                Account = book.FillOf(sold.Sale).Account,
                FamilyOrdinal = closed.FamilyOrdinal,
                PartNumber = closed.PartNumber,
                AcquiredOn = closed.AcquiredOn,
                Shares = take,
                Disallowed = charge,
                AlreadySold = true,
            });
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
