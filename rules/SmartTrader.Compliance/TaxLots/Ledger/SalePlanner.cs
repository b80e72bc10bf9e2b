using System.Globalization;

namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// Works out which lots a fill closes and which replacement shares the wash-sale rule matches, without changing
/// any lot: losses in sale order, replacements in acquisition order, each share used once, the sold shares never
/// their own replacement.
/// </summary>
internal sealed class SalePlanner(WashSaleOptions options)
{
    private LotPart? _scanFrom;
    private long _scanStamp;

    public SalePlan Plan { get; } = new();

    /// <summary>Plans a Sell (long lots) or a BuyToCover (short lots). Returns why it cannot be done, or null.</summary>
    public string? PlanSale(AccountBook account, Position? position, string symbol, LotDirection direction, decimal units,
        decimal price, IReadOnlyList<string>? lotIds, int day, WashSalePool? pool)
    {
        Plan.Reset();
        var chain = position?.Chain(direction);
        var error = lotIds is { Count: > 0 }
            ? PlanNamedCloses(account, symbol, direction, units, lotIds)
            : PlanFirstInFirstOut(account, symbol, direction, chain, units);
        if (error is not null)
            return error;

        var testsLosses = pool is not null && !account.IsIra;
        for (var i = 0; i < Plan.CloseCount; i++)
        {
            ref var close = ref Plan.Close(i);
            Price(ref close, price, direction);
            if (testsLosses && close.Loss > 0)
            {
                close.IsTestedLoss = true;
                close.LossShares = close.UnwashedShares = close.Part.Position.ToShares(close.Units);
                MatchEarlierAcquisitions(i, ref close, pool!, day);
            }
        }
        return null;
    }

    /// <summary>Plans a Buy or a SellShort of <paramref name="shares"/> shares against the pool's pending losses.</summary>
    public void PlanAcquisition(WashSalePool pool, SaleBook book, decimal shares, int day)
    {
        Plan.Reset();
        var remaining = shares;
        var pending = pool.PendingLosses;
        for (var i = 0; i < pending.Count && remaining > 0; i++)
        {
            ref readonly var loss = ref pending[i];
            if (loss.UnwashedShares == 0 || loss.SaleDay < day - WashSalePool.WindowDays)
                continue;
            var take = Math.Min(loss.UnwashedShares, remaining);
            Plan.AddMatch(new PlannedMatch(-1, i, null, take, book.DisallowedFor(loss.Sale, take, loss.UnwashedShares)));
            remaining -= take;
        }
    }

    private static void Price(ref PlannedClose close, decimal price, LotDirection direction)
    {
        var part = close.Part;
        close.AdjustmentInCost = close.Units == part.Quantity || part.WashSaleAdjustment == 0
            ? part.WashSaleAdjustment
            : part.WashSaleAdjustment * close.Units / part.Quantity;
        var shares = part.Position.ToShares(close.Units);
        var atFill = shares * price;
        var atOpen = shares * part.Price;
        (close.Proceeds, close.Cost) = direction == LotDirection.Long
            ? (atFill, atOpen + close.AdjustmentInCost)
            : (atOpen, atFill + close.AdjustmentInCost);
        close.Loss = close.Cost > close.Proceeds ? close.Cost - close.Proceeds : 0;
    }

    private void MatchEarlierAcquisitions(int closeIndex, ref PlannedClose close, WashSalePool pool, int day)
    {
        // Candidates used up by the plan's earlier losses (or too old) stay used up: later losses start after them.
        if (_scanStamp != Plan.Stamp)
            (_scanFrom, _scanStamp) = (pool.RecentHead, Plan.Stamp);
        var windowStart = day - WashSalePool.WindowDays;
        var availableAtScan = 0m;
        while (_scanFrom is not null && (_scanFrom.AcquiredOn < windowStart || (availableAtScan = AvailableShares(_scanFrom)) <= 0))
            _scanFrom = _scanFrom.NextRecent;

        var sold = close.Part.Family;
        for (var candidate = _scanFrom; candidate is not null && close.UnwashedShares > 0; candidate = candidate.NextRecent)
        {
            if (candidate.AcquiredOn < windowStart || candidate.Family == sold)
                continue;
            if (!options.EarlierAcquisitionsMayReplace && candidate.Family.Sequence < sold.Sequence)
                continue;
            var available = candidate == _scanFrom ? availableAtScan : AvailableShares(candidate);
            if (available <= 0)
                continue;
            var take = Math.Min(available, close.UnwashedShares);
            var disallowed = take >= close.UnwashedShares
                ? close.Loss - close.Disallowed
                : close.Loss * take / close.LossShares;
            close.UnwashedShares -= take;
            close.Disallowed += disallowed;
            Plan.AddMatch(new PlannedMatch(closeIndex, -1, candidate, take, disallowed));
        }
    }

    /// <summary>
    /// Shares of <paramref name="candidate"/> that can replace a loss of this plan: never the shares this same fill
    /// sells, never shares already matched by an earlier loss of the plan, and (unless the options allow it) only
    /// shares still held.
    /// </summary>
    private decimal AvailableShares(LotPart candidate)
    {
        if (candidate.PlanStamp != Plan.Stamp)
            return candidate.ReplacementCapacity;
        var closedShares = candidate.Position.ToShares(Plan.ClosedUnits(candidate));
        var capacity = options.ReplacementsMayBeAlreadySold
            ? Math.Max(0, candidate.ReplacementCapacity - closedShares)
            : Math.Min(candidate.ReplacementCapacity, candidate.Shares - closedShares);
        return capacity - Plan.MatchedShares(candidate);
    }

    private string? PlanFirstInFirstOut(AccountBook account, string symbol, LotDirection direction, LotChain? chain, decimal units)
    {
        var held = chain?.Quantity ?? 0;
        if (held < units)
            return Short(account, symbol, direction, held, units);
        var remaining = units;
        for (var part = chain!.Head; part is not null && remaining > 0; part = part.Next)
        {
            var take = Math.Min(part.Quantity, remaining);
            Plan.AddClose(part, take);
            remaining -= take;
        }
        return null;
    }

    private string? PlanNamedCloses(AccountBook account, string symbol, LotDirection direction, decimal units, IReadOnlyList<string> lotIds)
    {
        var remaining = units;
        foreach (var id in lotIds)
        {
            if (!LotIds.TryParse(id, out var accountId, out var ordinal, out var partNumber))
                return $"'{id}' is not a lot id (expected <account>-<n> or <account>-<n>.<k>)";
            if (accountId != account.Id)
                return $"lot {id} is not a lot of account {account.Id}";
            if (account.OpenFamily(ordinal) is not { } family || (partNumber > 0 && FindPart(family, partNumber) is null))
                return $"lot {id} does not exist in account {account.Id} or has no shares left";
            var first = family.FirstOpen!;
            if (first.Position.Symbol != symbol)
                return $"lot {id} holds {first.Position.Symbol}, not {symbol}";
            if (first.Direction != direction)
                return $"lot {id} is a {Describe(first.Direction)} lot; this fill closes {Describe(direction)} lots";
            for (var part = partNumber > 0 ? FindPart(family, partNumber) : first;
                 part is not null && part.Family == family && remaining > 0;
                 part = partNumber > 0 ? null : part.Next)
            {
                var free = part.Quantity - Plan.ClosedUnits(part);
                if (free <= 0)
                    continue;
                var take = Math.Min(free, remaining);
                Plan.AddClose(part, take);
                remaining -= take;
            }
        }
        if (remaining > 0)
            return string.Create(CultureInfo.InvariantCulture,
                $"lots {string.Join(", ", lotIds)} hold {units - remaining} {symbol}; the fill closes {units}");
        return null;
    }

    private static LotPart? FindPart(LotFamily family, int partNumber)
    {
        for (var part = family.FirstOpen; part is not null && part.Family == family; part = part.Next)
            if (part.PartNumber == partNumber)
                return part;
        return null;
    }

    private static string Short(AccountBook account, string symbol, LotDirection direction, decimal held, decimal units) =>
        string.Create(CultureInfo.InvariantCulture,
            $"account {account.Id} holds {held} {symbol} in {Describe(direction)} lots; the fill closes {units}");

    private static string Describe(LotDirection direction) => direction == LotDirection.Long ? "long" : "short";
}
