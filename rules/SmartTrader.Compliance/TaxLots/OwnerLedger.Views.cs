using SmartTrader.Compliance.TaxLots.Ledger;

namespace SmartTrader.Compliance.TaxLots;

public sealed partial class OwnerLedger
{
    /// <summary>Open lots, by account, then symbol (first traded first), then acquisition order; long before short.</summary>
    public IReadOnlyList<TaxLot> Lots(string? account = null)
    {
        var lots = new List<TaxLot>();
        foreach (var book in _accountsByIndex)
        {
            if (account is not null && book.Id != account)
                continue;
            foreach (var position in book.Positions.Values)
            {
                for (var part = position.Long.Head; part is not null; part = part.Next)
                    lots.Add(ToTaxLot(part));
                for (var part = position.Short.Head; part is not null; part = part.Next)
                    lots.Add(ToTaxLot(part));
            }
        }
        return lots;
    }

    /// <summary>How many realized sales (lot closings) the ledger holds, counted without building them.</summary>
    public int RealizedSaleCount => _sales.Sales.Count;

    /// <summary>Realized sales in the order they happened (within one fill, in the order its lots closed).</summary>
    public IReadOnlyList<RealizedSale> RealizedSales(string? account = null)
    {
        var accountIndex = account is null ? -1 : AccountOf(account).Index;
        var sales = new List<RealizedSale>(account is null ? _sales.Sales.Count : 0);
        for (var i = 0; i < _sales.Sales.Count; i++)
            if (accountIndex < 0 || _sales.FillOf(i).Account == accountIndex)
                sales.Add(ToRealizedSale(i));
        return sales;
    }

    private TaxLot ToTaxLot(LotPart part)
    {
        var basis = part.Quantity * part.Price * part.Multiplier;
        var adjusted = part.Direction == LotDirection.Long ? basis + part.WashSaleAdjustment : basis - part.WashSaleAdjustment;
        string? fromLot = null;
        DateOnly? fromSaleDate = null;
        if (part.ReplacedLoss > 0)
        {
            ref readonly var loss = ref _sales.Sales[part.ReplacedLoss - 1];
            ref readonly var lossFill = ref _sales.FillOf(part.ReplacedLoss - 1);
            fromLot = LotIds.Format(_accountsByIndex[lossFill.Account].Id, loss.FamilyOrdinal, loss.PartNumber);
            fromSaleDate = DateOnly.FromDayNumber(lossFill.SaleDay);
        }
        return new TaxLot(
            part.Id, part.Account.Id, part.Position.Symbol, part.Position.Underlying, part.Direction,
            part.Quantity, part.Multiplier, part.Price, basis, part.WashSaleAdjustment, adjusted,
            part.Family.OpenedAt, DateOnly.FromDayNumber(part.AcquiredOn), DateOnly.FromDayNumber(part.AdjustedAcquiredOn),
            fromLot, fromSaleDate);
    }

    private RealizedSale ToRealizedSale(int index)
    {
        ref readonly var sale = ref _sales.Sales[index];
        ref readonly var fill = ref _sales.FillOf(index);
        var account = _accountsByIndex[fill.Account].Id;
        var position = _positionsByIndex[fill.Position];
        var costAddedLater = _sales.CostAddedLater.GetValueOrDefault(index);
        var permanentlyDisallowed = _sales.PermanentlyDisallowed(sale);
        var cost = sale.Cost + costAddedLater;
        var gain = sale.Proceeds - cost;
        var saleDate = DateOnly.FromDayNumber(fill.SaleDay);
        var adjustedAcquiredOn = DateOnly.FromDayNumber(sale.AdjustedAcquiredOn);
        return new RealizedSale(
            LotIds.Format(account, fill.FillOrdinal, 1), LotIds.Format(account, sale.FamilyOrdinal, sale.PartNumber),
            account, position.Symbol, position.Underlying, fill.Direction, sale.Quantity, fill.SoldAt, saleDate,
            DateOnly.FromDayNumber(sale.AcquiredOn), adjustedAcquiredOn,
            sale.Proceeds, cost, sale.AdjustmentInCost, costAddedLater, gain,
            sale.Disallowed, permanentlyDisallowed, sale.Disallowed > 0, permanentlyDisallowed > 0,
            gain + sale.Disallowed,
            fill.Direction == LotDirection.Long && saleDate > adjustedAcquiredOn.AddYears(1),
            MatchesOf(sale));
    }

    private WashSaleMatch[] MatchesOf(in SaleData sale)
    {
        if (sale.FirstMatch == 0)
            return [];
        var matches = new List<WashSaleMatch>(1);
        for (var next = sale.FirstMatch; next != 0; next = _sales.Matches[next - 1].Next)
        {
            ref readonly var match = ref _sales.Matches[next - 1];
            var account = _accountsByIndex[match.Account].Id;
            matches.Add(new WashSaleMatch(LotIds.Format(account, match.FamilyOrdinal, match.PartNumber), account,
                DateOnly.FromDayNumber(match.AcquiredOn), match.Shares, match.Disallowed, match.IsPermanent, match.AlreadySold));
        }
        return [.. matches];
    }
}
