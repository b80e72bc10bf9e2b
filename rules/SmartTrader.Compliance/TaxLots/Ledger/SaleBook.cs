namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>Every realized sale of one owner, in sale order, with the replacements matched to its loss.</summary>
internal sealed class SaleBook
{
    public ChunkedList<SaleData> Sales { get; } = new();
    public ChunkedList<MatchData> Matches { get; } = new();

    public void AddMatch(int sale, in MatchData match)
    {
        var index = Matches.Add(match) + 1;
        ref var data = ref Sales[sale];
        if (data.LastMatch == 0) data.FirstMatch = index;
        else Matches[data.LastMatch - 1].Next = index;
        data.LastMatch = index;
    }

    /// <summary>The disallowed loss for <paramref name="shares"/> more of a loss sale's shares, <paramref name="unwashed"/> of which are still unmatched; the last shares take what is left, so the parts add up.</summary>
    public decimal DisallowedFor(int sale, decimal shares, decimal unwashed)
    {
        ref readonly var data = ref Sales[sale];
        return shares >= unwashed ? data.Loss - data.Disallowed : data.Loss * shares / data.Quantity;
    }
}
