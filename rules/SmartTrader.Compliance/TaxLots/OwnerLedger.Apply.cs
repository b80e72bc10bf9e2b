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
        var shares = position.ToShares(fill.Quantity);
        if (pool is not null)
        {
            pool.Advance(day);
            _planner.PlanAcquisition(pool, _sales, shares, day);
        }

        var ordinal = ++account.FillCount;
        var fillSequence = ++_fills;
        var family = new LotFamily(account, ordinal, ++_acquisitions, fill.Time);
        var part = _parts.Rent(family, position, direction, 1);
        part.Quantity = fill.Quantity;
        part.Price = fill.Price;
        part.AcquiredOn = part.AdjustedAcquiredOn = day;
        family.FirstOpen = part;
        account.Opened(family);
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
            ref var pending = ref pool.PendingLosses[match.PendingIndex];
            pending.UnwashedShares -= match.Shares;
            holder = _adjuster.Apply(pending.Sale, holder, match.Shares, match.Disallowed, fillSequence);
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
        var firstSale = _sales.Sales.Count;
        ref var closing = ref _sales.Fills.AddSlot(out var closingIndex);
        closing.Account = account.Index;
        closing.Position = position!.Index;
        closing.Direction = direction;
        closing.FillOrdinal = ordinal;
        closing.SoldAtUtcTicks = fill.Time.UtcTicks;
        closing.SoldAtOffsetMinutes = (short)fill.Time.TotalOffsetMinutes;
        closing.SaleDay = day;
        for (var i = 0; i < plan.CloseCount; i++)
        {
            ref var close = ref plan.Close(i);
            var part = close.Part;
            ref var data = ref _sales.Sales.AddSlot(out var sale);
            data.Fill = closingIndex;
            data.FamilyOrdinal = part.Family.Ordinal;
            data.PartNumber = part.PartNumber;
            data.AcquiredOn = part.AcquiredOn;
            data.AdjustedAcquiredOn = part.AdjustedAcquiredOn;
            data.Quantity = close.Units;
            data.Proceeds = close.Proceeds;
            data.Cost = close.Cost;
            data.AdjustmentInCost = close.AdjustmentInCost;
            RemoveUnits(part, close.Units, close.AdjustmentInCost, sale, fillSequence);
        }

        for (var i = 0; i < plan.MatchCount; i++)
        {
            ref readonly var match = ref plan.Match(i);
            _adjuster.Apply(firstSale + match.CloseIndex, match.Replacement!, match.Shares, match.Disallowed, fillSequence);
        }

        for (var i = 0; i < plan.CloseCount; i++)
        {
            ref readonly var close = ref plan.Close(i);
            if (close.IsTestedLoss && close.UnwashedShares > 0)
                pool!.PendingLosses.Enqueue(new PendingLoss(firstSale + i, day, close.UnwashedShares));
        }
    }

    private void RemoveUnits(LotPart part, decimal units, decimal adjustment, int sale, long fillSequence)
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
                (part.SoldUnused ??= []).Add(new SoldShares(sale, fillSequence, part.Position.ToShares(units)));
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

    private void RemoveFromChain(LotPart part, LotChain chain)
    {
        var family = part.Family;
        if (family.FirstOpen == part)
        {
            family.FirstOpen = part.Next is { } next && next.Family == family ? next : null;
            if (family.FirstOpen is null)
                part.Account.Closed(family);
        }
        chain.Remove(part);
        _parts.ReleaseIfDead(part);
    }

    private Position PositionFor(AccountBook account, Fill fill)
    {
        if (account.Positions.TryGetValue(fill.Symbol, out var position))
            return position;
        var option = fill.Instrument is { Type: InstrumentKind.Option } instrument ? instrument : null;
        var multiplier = option?.Multiplier ?? 1;
        if (multiplier <= 0)
            throw Refused(fill, $"an option's multiplier must be positive, not {multiplier}");
        position = new Position(_positionsByIndex.Count, fill.Symbol, fill.Underlying, multiplier, isStock: option is null,
            isCallOption: option?.Right == OptionRight.Call, PoolsOf(fill.Underlying));
        account.Positions.Add(fill.Symbol, position);
        _positionsByIndex.Add(position);
        return position;
    }

    private UnderlyingPools PoolsOf(string underlying)
    {
        if (!_pools.TryGetValue(underlying, out var pools))
            _pools.Add(underlying, pools = new UnderlyingPools(_parts));
        return pools;
    }
}
