using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Compliance.Tests.TaxLots;

/// <summary>
/// A deliberately naive wash-sale model to check the ledger against: every share is its own object, every loss is
/// one share, and replacements are found by scanning every share ever bought. Stock only, first in first out.
/// </summary>
internal sealed class ShareByShareReference(WashSaleOptions options, Func<string, bool> isIra)
{
    private const int Window = 30;

    private sealed class Share
    {
        public required string Account;
        public required string Family;
        public required long Sequence;
        public required int AcquiredOn;
        public int AdjustedAcquiredOn;
        public decimal Basis;
        public bool Held = true;
        public bool Used;
        public long SoldInFill;
        public Totals? SoldIn;
    }

    private sealed record Loss(Share Sold, int Day, decimal Amount, int HoldingDays, Totals Sale)
    {
        public bool Washed { get; set; }
    }

    public sealed class Totals
    {
        public decimal Proceeds, Cost, Disallowed, Permanent, AddedLater;
    }

    private readonly List<Share> _shares = [];
    private readonly List<Loss> _pending = [];
    private readonly Dictionary<string, int> _fillCounts = [];
    private long _fills;
    private long _families;

    /// <summary>Per (fill id, lot id without split suffix).</summary>
    public Dictionary<(string Fill, string Lot), Totals> Sales { get; } = [];

    public int Held(string account) => _shares.Count(s => s.Account == account && s.Held);

    /// <summary>Held shares by (lot, adjusted acquisition day, adjusted basis per share).</summary>
    public IEnumerable<(string Lot, int AdjustedAcquiredOn, decimal Basis, int Shares)> HeldShares() =>
        _shares.Where(s => s.Held)
            .GroupBy(s => (s.Family, s.AdjustedAcquiredOn, Basis: Math.Round(s.Basis, 8)))
            .Select(g => (g.Key.Family, g.Key.AdjustedAcquiredOn, g.Key.Basis, g.Count()));

    public void Buy(string account, int quantity, decimal price, int day)
    {
        _fills++;
        var family = $"{account}-{NextOrdinal(account)}";
        var sequence = ++_families;
        var bought = Enumerable.Range(0, quantity).Select(_ => new Share
        {
            Account = account, Family = family, Sequence = sequence, AcquiredOn = day, AdjustedAcquiredOn = day, Basis = price,
        }).ToList();
        _shares.AddRange(bought);
        foreach (var loss in _pending.Where(l => !l.Washed && day - l.Day <= Window))
        {
            var replacement = bought.FirstOrDefault(s => !s.Used);
            if (replacement is null)
                break;
            Wash(loss, replacement);
        }
    }

    public void Sell(string account, int quantity, decimal price, int day)
    {
        var fill = ++_fills;
        var fillId = $"{account}-{NextOrdinal(account)}";
        var losses = new List<Loss>();
        foreach (var share in _shares.Where(s => s.Account == account && s.Held).Take(quantity).ToList())
        {
            if (!Sales.TryGetValue((fillId, share.Family), out var totals))
                Sales.Add((fillId, share.Family), totals = new Totals());
            totals.Proceeds += price;
            totals.Cost += share.Basis;
            share.Held = false;
            share.SoldInFill = fill;
            share.SoldIn = totals;
            if (!isIra(account) && share.Basis > price)
                losses.Add(new Loss(share, day, share.Basis - price, day - share.AdjustedAcquiredOn, totals));
        }
        foreach (var loss in losses)
        {
            var replacement = FindReplacement(loss, fill);
            if (replacement is null) _pending.Add(loss);
            else Wash(loss, replacement);
        }
    }

    private Share? FindReplacement(Loss loss, long fill) =>
        _shares
            .Where(s => !s.Used && s.Family != loss.Sold.Family
                && s.AcquiredOn >= loss.Day - Window && s.AcquiredOn <= loss.Day
                && (options.EarlierAcquisitionsMayReplace || s.Sequence > loss.Sold.Sequence)
                && (s.Held || (options.ReplacementsMayBeAlreadySold && s.SoldInFill != fill)))
            .OrderBy(s => s.Sequence)
            .ThenBy(s => s.Held ? 0 : 1)
            .ThenBy(s => s.Held ? 0 : s.SoldInFill)
            .FirstOrDefault();

    private void Wash(Loss loss, Share replacement)
    {
        loss.Washed = true;
        replacement.Used = true;
        loss.Sale.Disallowed += loss.Amount;
        if (isIra(replacement.Account))
        {
            loss.Sale.Permanent += loss.Amount;
        }
        else if (replacement.Held)
        {
            replacement.Basis += loss.Amount;
            replacement.AdjustedAcquiredOn = replacement.AcquiredOn - loss.HoldingDays;
        }
        else
        {
            replacement.SoldIn!.AddedLater += loss.Amount;
        }
    }

    private int NextOrdinal(string account)
    {
        _fillCounts[account] = _fillCounts.GetValueOrDefault(account) + 1;
        return _fillCounts[account];
    }
}
