namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// Lot parts for reuse: a part out of its chain and out of the recent acquisitions is dead, and comes back for a
/// later lot once the fill that killed it is done (until then the fill's plan may still look at it). Rebuilding a
/// million fills splits millions of parts; reusing them keeps the memory they take to the lots open at one time.
/// </summary>
internal sealed class PartPool
{
    private readonly Stack<LotPart> _free = new();
    private readonly List<LotPart> _dead = [];

    public LotPart Rent(LotFamily family, Position position, LotDirection direction, int partNumber)
    {
        var part = _free.Count > 0 ? _free.Pop() : new LotPart();
        part.Reset(family, position, direction, partNumber);
        return part;
    }

    /// <summary>Takes back a part that just left its chain or the recent acquisitions, if it is in neither now.</summary>
    public void ReleaseIfDead(LotPart part)
    {
        if (!part.InChain && !part.IsRecent)
            _dead.Add(part);
    }

    /// <summary>Makes the parts that died during the fill available again.</summary>
    public void EndOfFill()
    {
        foreach (var part in _dead)
        {
            part.Reset(null!, null!, default, 0);
            _free.Push(part);
        }
        _dead.Clear();
    }
}
