using Microsoft.Extensions.Logging;
using SmartTrader.Compliance;
using SmartTrader.Compliance.TaxLots;
using Fill = SmartTrader.Trading.Fill;

namespace SmartTrader.Trading.Grains;

/// <summary>
/// The account's tax lots and wash sales. The book is rebuilt from the account's recorded fills (and those still in
/// the outbox) when first needed, then kept current fill by fill. It covers this account only: wash sales against the
/// owner's other accounts are found offline (<c>compliance lots</c>) but not yet by the gate.
/// </summary>
public sealed partial class PortfolioGrain
{
    private TaxLotBook? _taxLots;

    public async Task<TaxLotsView> GetTaxLots()
    {
        RequireAccount();
        var book = await TaxLotBook();
        return new TaxLotsView(Key, [.. book.Lots()], [.. book.RealizedSales()]);
    }

    private async Task<TaxLotBook> TaxLotBook()
    {
        if (_taxLots is not null) return _taxLots;
        var recorded = await history.RecordedFillsAsync(Key);
        var pending = State.Outbox.Values.Concat(State.OpenOrders.Values).SelectMany(o => o.Fills);
        // Fills at the same instant: openings before closings, so a closing never finds its lot missing.
        var fills = recorded.Concat(pending).DistinctBy(f => f.FillId)
            .OrderBy(f => f.Time).ThenBy(f => f.Side is OrderSide.Sell or OrderSide.BuyToCover).ThenBy(f => f.FillId, StringComparer.Ordinal);
        var book = new TaxLotBook([ComplianceAccount(0m)]);
        foreach (var fill in fills)
        {
            try
            {
                book.Apply(ComplianceFill(fill));
            }
            catch (TaxLotException e)
            {
                LogFillLeftOut(e, Key, fill.FillId);
            }
        }
        return _taxLots = book;
    }

    private static WashSaleFacts WashSaleFacts(TaxLotBook book, ProposedOrder proposed, decimal estimatedPrice)
    {
        try
        {
            return book.WashSaleFactsFor(proposed, estimatedPrice);
        }
        catch (TaxLotException e)
        {
            return SmartTrader.Compliance.TaxLots.WashSaleFacts.None with { NotEvaluated = e.Message };
        }
    }

    /// <summary>A fill the book refuses (it disagrees with the ledger) drops the book; it is rebuilt from the record on next use.</summary>
    private void RecordForTaxLots(Fill fill)
    {
        if (_taxLots is null) return;
        try
        {
            _taxLots.Apply(ComplianceFill(fill));
        }
        catch (TaxLotException e)
        {
            LogTaxLotsRebuilt(e, Key, fill.FillId);
            _taxLots = null;
        }
    }

    private SmartTrader.Compliance.Fill ComplianceFill(Fill fill) =>
        new(fill.Time, Key, fill.Symbol, SideOf(fill.Side), fill.Quantity, fill.Price);

    [LoggerMessage(LogLevel.Error, "Account {Account}: the tax-lot book cannot take recorded fill {FillId}; its lots leave it out")]
    private partial void LogFillLeftOut(Exception exception, string account, string fillId);

    [LoggerMessage(LogLevel.Warning, "Account {Account}: the tax-lot book refused fill {FillId}; it is rebuilt from the recorded fills")]
    private partial void LogTaxLotsRebuilt(Exception exception, string account, string fillId);
}
