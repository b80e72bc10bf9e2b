namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>One lot part a planned fill closes, with what the closing realizes.</summary>
internal struct PlannedClose
{
    public LotPart Part;
    public decimal Units;
    public decimal Proceeds;
    public decimal Cost;
    public decimal AdjustmentInCost;

    /// <summary>A loss the wash-sale rule tests (stock, taxable account).</summary>
    public bool IsTestedLoss;

    public decimal Loss;
    public decimal LossShares;
    public decimal UnwashedShares;
    public decimal Disallowed;
}

/// <summary>
/// Replacement shares matched to a loss: for a sale, <see cref="CloseIndex"/> names the losing close and
/// <see cref="Replacement"/> the part replacing it; for an acquisition, <see cref="PendingIndex"/> is the earlier loss
/// sale's place in the pool's pending losses and the replacement is the new lot.
/// </summary>
internal readonly record struct PlannedMatch(int CloseIndex, int PendingIndex, LotPart? Replacement, decimal Shares, decimal Disallowed);

/// <summary>
/// What a fill would do, worked out before anything changes: used to apply a fill and, unchanged, to answer what a
/// proposed order would do. Reused from fill to fill so planning allocates nothing.
/// </summary>
internal sealed class SalePlan
{
    private PlannedClose[] _closes = new PlannedClose[8];
    private PlannedMatch[] _matches = new PlannedMatch[8];

    /// <summary>Marks the lot parts this plan wrote scratch figures on.</summary>
    public long Stamp { get; private set; }

    public int CloseCount { get; private set; }
    public int MatchCount { get; private set; }

    public ref PlannedClose Close(int index) => ref _closes[index];
    public ref readonly PlannedMatch Match(int index) => ref _matches[index];

    public void Reset()
    {
        Stamp++;
        CloseCount = MatchCount = 0;
    }

    public ref PlannedClose AddClose(LotPart part, decimal units)
    {
        if (CloseCount == _closes.Length)
            Array.Resize(ref _closes, _closes.Length * 2);
        ref var close = ref _closes[CloseCount++];
        close.Part = part;
        close.Units = units;
        close.IsTestedLoss = false;
        close.LossShares = close.UnwashedShares = close.Disallowed = 0;
        Touch(part);
        part.PlanClosedUnits += units;
        return ref close;
    }

    public void AddMatch(in PlannedMatch match)
    {
        if (MatchCount == _matches.Length)
            Array.Resize(ref _matches, _matches.Length * 2);
        _matches[MatchCount++] = match;
        if (match.Replacement is { } replacement)
        {
            Touch(replacement);
            replacement.PlanMatchedShares += match.Shares;
        }
    }

    public decimal ClosedUnits(LotPart part) => part.PlanStamp == Stamp ? part.PlanClosedUnits : 0;
    public decimal MatchedShares(LotPart part) => part.PlanStamp == Stamp ? part.PlanMatchedShares : 0;

    public decimal TotalDisallowed()
    {
        var total = 0m;
        for (var i = 0; i < MatchCount; i++)
            total += _matches[i].Disallowed;
        return total;
    }

    public decimal TotalMatchedShares()
    {
        var total = 0m;
        for (var i = 0; i < MatchCount; i++)
            total += _matches[i].Shares;
        return total;
    }

    private void Touch(LotPart part)
    {
        if (part.PlanStamp == Stamp)
            return;
        part.PlanStamp = Stamp;
        part.PlanClosedUnits = 0;
        part.PlanMatchedShares = 0;
    }
}
