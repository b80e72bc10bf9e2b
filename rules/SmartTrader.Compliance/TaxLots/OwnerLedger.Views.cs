using SmartTrader.Compliance.TaxLots.Ledger;

namespace SmartTrader.Compliance.TaxLots;

public sealed partial class OwnerLedger
{
    /// <summary>Open lots, by account, then symbol (first traded first), then acquisition order; long before short.</summary>
    public IReadOnlyList<TaxLot> Lots(string? account = null)
    {
        var lots = new List<TaxLot>();
        foreach (var book in _accounts.Values)
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

    /// <summary>Realized sales in the order they happened (within one fill, in the order its lots closed).</summary>
    public IReadOnlyList<RealizedSale> RealizedSales(string? account = null)
    {
        var sales = new List<RealizedSale>(account is null ? _sales.Count : 0);
        foreach (var sale in _sales)
            if (account is null || sale.Account.Id == account)
                sales.Add(ToRealizedSale(sale));
        return sales;
    }

    private static TaxLot ToTaxLot(LotPart part)
    {
        var basis = part.Quantity * part.Price * part.Multiplier;
        var adjusted = part.Direction == LotDirection.Long ? basis + part.WashSaleAdjustment : basis - part.WashSaleAdjustment;
        return new TaxLot(
            part.Id, part.Account.Id, part.Position.Symbol, part.Position.Underlying, part.Direction,
            part.Quantity, part.Multiplier, part.Price, basis, part.WashSaleAdjustment, adjusted,
            part.Family.OpenedAt, DateOnly.FromDayNumber(part.AcquiredOn), DateOnly.FromDayNumber(part.AdjustedAcquiredOn),
            part.ReplacedLoss?.LotId, part.ReplacedLoss is { } loss ? DateOnly.FromDayNumber(loss.SaleDay) : null);
    }

    private static RealizedSale ToRealizedSale(SaleRecord sale)
    {
        var part = sale.Part;
        var cost = sale.Cost + sale.CostAddedLater;
        var gain = sale.Proceeds - cost;
        var saleDate = DateOnly.FromDayNumber(sale.SaleDay);
        var adjustedAcquiredOn = DateOnly.FromDayNumber(sale.AdjustedAcquiredOn);
        return new RealizedSale(
            LotIds.Format(part.Account.Id, sale.FillOrdinal, 1), sale.LotId, part.Account.Id, part.Position.Symbol,
            part.Position.Underlying, part.Direction, sale.Quantity, sale.SoldAt, saleDate,
            DateOnly.FromDayNumber(sale.AcquiredOn), adjustedAcquiredOn,
            sale.Proceeds, cost, sale.WashSaleAdjustmentInCost, sale.CostAddedLater, gain,
            sale.Disallowed, sale.PermanentlyDisallowed, sale.Disallowed > 0, sale.PermanentlyDisallowed > 0,
            gain + sale.Disallowed,
            part.Direction == LotDirection.Long && saleDate > adjustedAcquiredOn.AddYears(1),
            sale.Matches is null ? [] : sale.Matches.Select(ToMatch).ToArray());
    }

    private static WashSaleMatch ToMatch(MatchRecord match) => new(
        match.AlreadySoldIn?.LotId ?? match.Replacement.Id,
        match.Replacement.Account.Id,
        DateOnly.FromDayNumber(match.Replacement.AcquiredOn),
        match.Shares,
        match.Disallowed,
        match.IsPermanent,
        match.AlreadySoldIn is not null);
}
