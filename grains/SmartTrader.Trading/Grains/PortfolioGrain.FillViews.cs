namespace SmartTrader.Trading.Grains;

/// <summary>
/// The views an activation keeps of the account's fills: the day-trade ledger, and the tax lots while the owner has
/// this account alone. The portfolio's state does not hold the fills (it would grow with every order of the day and be
/// written whole each time); the views are rebuilt from the committed fills on first need, read once for both, then
/// kept current fill by fill.
/// </summary>
public sealed partial class PortfolioGrain
{
    /// <summary>Builds whichever view is missing.</summary>
    private async Task LoadFillViews()
    {
        var needsTaxLots = _taxLots is null && State.TaxOwner != TaxOwnerLink.Shared;
        if (_dayTrades is not null && !needsTaxLots) return;
        var fills = await history.CommittedFillsAsync(Key, State);
        _dayTrades ??= BuildDayTrades(Key, fills);
        if (needsTaxLots) _taxLots = BuildTaxLots(fills);
    }
}
