namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>Every realized sale of one owner, in sale order, with the replacements matched to its loss.</summary>
internal sealed class SaleBook
{
    public ChunkedList<SaleData> Sales { get; } = new();
    public ChunkedList<ClosingFill> Fills { get; } = new();
    public ChunkedList<MatchData> Matches { get; } = new();

    /// <summary>Cost added to sales after the fact (only with ReplacementsMayBeAlreadySold), by sale index.</summary>
    public Dictionary<int, decimal> CostAddedLater { get; } = [];

    public ref ClosingFill FillOf(int sale) => ref Fills[Sales[sale].Fill];

    /// <summary>Days the sold shares were held, counted from the adjusted acquisition date.</summary>
    public int HoldingDays(int sale) => FillOf(sale).SaleDay - Sales[sale].AdjustedAcquiredOn;

    public void AddMatch(int sale, in MatchData match)
    {
        Matches.AddSlot(out var slot) = match;
        var index = slot + 1;
        ref var data = ref Sales[sale];
        if (data.FirstMatch == 0)
        {
            data.FirstMatch = index;
            return;
        }
        var last = data.FirstMatch;
        while (Matches[last - 1].Next != 0)
            last = Matches[last - 1].Next;
        Matches[last - 1].Next = index;
    }

    public decimal PermanentlyDisallowed(in SaleData sale)
    {
        var total = 0m;
        for (var next = sale.FirstMatch; next != 0; next = Matches[next - 1].Next)
            if (Matches[next - 1].IsPermanent)
                total += Matches[next - 1].Disallowed;
        return total;
    }

    /// <summary>The disallowed loss for <paramref name="shares"/> more of a loss sale's shares, <paramref name="unwashed"/> of which are still unmatched; the last shares take what is left, so the parts add up.</summary>
    public decimal DisallowedFor(int sale, decimal shares, decimal unwashed)
    {
        ref readonly var data = ref Sales[sale];
        return shares >= unwashed ? data.Loss - data.Disallowed : data.Loss * shares / data.Quantity;
    }
}
