using SmartTrader.Compliance.TaxLots.Ledger;

namespace SmartTrader.Compliance.TaxLots;

public sealed partial class OwnerLedger
{
    private void Open(AccountBook account, Fill fill, int day, LotDirection direction)
    {
        if (fill.Lots is { Count: > 0 })
            throw Refused(fill, $"a {fill.Side} opens a lot and cannot name lots ({string.Join(", ", fill.Lots)})");
        var position = PositionFor(account, fill);
        var pool = position.AcquisitionPool(direction);
        var shares = fill.Quantity * position.Multiplier;
        if (pool is not null)
        {
            pool.Advance(day);
            _planner.PlanAcquisition(pool, shares, day);
        }

        var ordinal = ++account.FillCount;
        var fillSequence = ++_fills;
        var family = new LotFamily(account, ordinal, ++_acquisitions, fill.Time);
        var part = new LotPart(family, position, direction, 1)
        {
            Quantity = fill.Quantity,
            Price = fill.Price,
            AcquiredOn = day,
            AdjustedAcquiredOn = day,
        };
        family.FirstOpen = part;
        account.OpenFamilies.Add(ordinal, family);
        position.Chain(direction).Append(part);
        if (pool is null)
            return;

        part.ReplacementCapacity = shares;
        pool.AppendRecent(part);
        var plan = _planner.Plan;
        var holder = part;
        for (var i = 0; i < plan.MatchCount; i++)
        {
            ref readonly var match = ref plan.Match(i);
            holder = ReplacementAdjuster.Apply(match.PendingLoss!, holder, match.Shares, match.Disallowed, fillSequence);
        }
    }

    private void Close(AccountBook account, Fill fill, int day, LotDirection direction)
    {
        account.Positions.TryGetValue(fill.Symbol, out var position);
        var pool = position?.LossPool(direction);
        pool?.Advance(day);
        var error = _planner.PlanSale(account, position, fill.Symbol, direction, fill.Quantity, fill.Price, fill.Lots, day, pool);
        if (error is not null)
            throw Refused(fill, error);

        var ordinal = ++account.FillCount;
        var fillSequence = ++_fills;
        var plan = _planner.Plan;
        var firstSale = _sales.Count;
        for (var i = 0; i < plan.CloseCount; i++)
        {
            ref var close = ref plan.Close(i);
            var part = close.Part;
            var sale = new SaleRecord
            {
                Part = part,
                FillOrdinal = ordinal,
                FillSequence = fillSequence,
                SoldAt = fill.Time,
                SaleDay = day,
                Quantity = close.Units,
                Proceeds = close.Proceeds,
                Cost = close.Cost,
                WashSaleAdjustmentInCost = close.AdjustmentInCost,
                AcquiredOn = part.AcquiredOn,
                AdjustedAcquiredOn = part.AdjustedAcquiredOn,
                UnwashedShares = close.IsTestedLoss ? close.LossShares : 0,
            };
            _sales.Add(sale);
            RemoveUnits(part, close.Units, close.AdjustmentInCost, sale);
        }

        for (var i = 0; i < plan.MatchCount; i++)
        {
            ref readonly var match = ref plan.Match(i);
            ReplacementAdjuster.Apply(_sales[firstSale + match.CloseIndex], match.Replacement!, match.Shares, match.Disallowed, fillSequence);
        }

        for (var i = firstSale; i < _sales.Count; i++)
            if (_sales[i].UnwashedShares > 0)
                pool!.PendingLosses.Enqueue(_sales[i]);
    }

    private void RemoveUnits(LotPart part, decimal units, decimal adjustment, SaleRecord sale)
    {
        var chain = part.Position.Chain(part.Direction);
        chain.Quantity -= units;
        var couldReplace = part.ReplacementCapacity > 0 && !part.Account.IsIra;
        if (units == part.Quantity)
        {
            part.Quantity = 0;
            part.WashSaleAdjustment = 0;
        }
        else
        {
            part.Quantity -= units;
            part.WashSaleAdjustment -= adjustment;
        }

        if (Options.ReplacementsMayBeAlreadySold)
        {
            if (couldReplace)
                (part.SoldUnused ??= []).Add(new SoldShares(sale, units * part.Multiplier));
        }
        else if (part.ReplacementCapacity > part.Shares)
        {
            part.ReplacementCapacity = part.Shares;
            if (part.ReplacementCapacity == 0 && part.IsRecent)
                part.Position.AcquisitionPool(part.Direction)!.RemoveRecent(part);
        }

        if (part.Quantity == 0)
            RemoveFromChain(part, chain);
    }

    private static void RemoveFromChain(LotPart part, LotChain chain)
    {
        var family = part.Family;
        if (family.FirstOpen == part)
        {
            family.FirstOpen = part.Next is { } next && next.Family == family ? next : null;
            if (family.FirstOpen is null)
                part.Account.OpenFamilies.Remove(family.Ordinal);
        }
        chain.Remove(part);
    }

    private Position PositionFor(AccountBook account, Fill fill)
    {
        if (account.Positions.TryGetValue(fill.Symbol, out var position))
            return position;
        var option = fill.Instrument is { Type: InstrumentKind.Option } instrument ? instrument : null;
        var multiplier = option?.Multiplier ?? 1;
        if (multiplier <= 0)
            throw Refused(fill, $"an option's multiplier must be positive, not {multiplier}");
        position = new Position(fill.Symbol, fill.Underlying, multiplier, isStock: option is null,
            isCallOption: option?.Right == OptionRight.Call, PoolsOf(fill.Underlying));
        account.Positions.Add(fill.Symbol, position);
        return position;
    }

    private UnderlyingPools PoolsOf(string underlying)
    {
        if (!_pools.TryGetValue(underlying, out var pools))
            _pools.Add(underlying, pools = new UnderlyingPools());
        return pools;
    }
}
