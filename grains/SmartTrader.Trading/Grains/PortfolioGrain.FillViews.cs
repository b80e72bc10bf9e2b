using System.Collections.Immutable;
using Fill = SmartTrader.Trading.Fill;

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
        var fills = await CommittedFills();
        _dayTrades ??= BuildDayTrades(Key, fills);
        if (needsTaxLots) _taxLots = BuildTaxLots(fills);
    }

    /// <summary>
    /// Every fill the account has committed, once each, in time order: those its order grains have recorded, and
    /// those of orders still in the outbox or open (an order both recorded and still in a stored outbox is read twice).
    /// </summary>
    private async Task<ImmutableArray<Fill>> CommittedFills()
    {
        var recorded = await history.RecordedFillsAsync(Key);
        var pending = State.Outbox.Values.Concat(State.OpenOrders.Values).SelectMany(o => o.Fills);
        return [.. recorded.Concat(pending).DistinctBy(f => f.FillId).OrderBy(f => f.Time).ThenBy(f => f.FillId, StringComparer.Ordinal)];
    }
}
