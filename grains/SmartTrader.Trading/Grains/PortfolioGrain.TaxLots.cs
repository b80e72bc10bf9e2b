using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SmartTrader.Compliance;
using SmartTrader.Compliance.Calendar;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Trading.Domain;
using Fill = SmartTrader.Trading.Fill;

namespace SmartTrader.Trading.Grains;

/// <summary>
/// The account's tax lots and wash sales, which are its owner's: a purchase in any account of the owner can wash a
/// loss in another. Every account registers with its owner's <see cref="ITaxOwnerGrain"/> when it opens (an account
/// opened before that registers on first need).
/// <list type="bullet">
/// <item>While the owner has this account alone (<see cref="TaxOwnerLink.Solo"/>), the portfolio keeps the lots
/// itself, rebuilt from its recorded fills when first needed, then kept current fill by fill: an order costs no
/// call.</item>
/// <item>Once the owner has another account (<see cref="TaxOwnerLink.Shared"/>), the owner's grain keeps them: the
/// portfolio asks it for the facts of each order and for views, and sends it each fill it commits, numbered by
/// <see cref="PortfolioState.FillSequence"/>. A fill the owner did not receive is caught up from storage when a
/// later number, or a call carrying the account's number, shows the gap.</item>
/// </list>
/// The account that registers second tells the first, before it trades, that the owner's grain now keeps its lots
/// (<see cref="UseOwnerTaxView"/>). Calls go from portfolios to the owner's grain and from later accounts to the
/// first, never back, so no two grains can wait on each other.
/// </summary>
public sealed partial class PortfolioGrain
{
    private OwnerTaxLots? _taxLots;
    private List<SequencedFill>? _unsentFills;

    public async Task<TaxLotsView> GetTaxLots()
    {
        RequireAccount();
        return await SharesOwnerView()
            ? await OwnerView().GetTaxLots(Key, State.FillSequence)
            : (await LocalTaxLots()).View(Key);
    }

    public async Task UseOwnerTaxView()
    {
        if (State.Account is null || State.TaxOwner == TaxOwnerLink.Shared) return;
        State.TaxOwner = TaxOwnerLink.Shared;
        await state.WriteStateAsync();
        _taxLots = null;
        MovesNextToOwner();
    }

    /// <summary>
    /// In a cluster, moves a portfolio that shares its owner's lots to the silo of the owner's grain, which it calls
    /// twice with every order. True when it is moving: this activation ends with the current turn.
    /// </summary>
    private bool MovesNextToOwner() => State.TaxOwner == TaxOwnerLink.Shared && MigrateNextTo(OwnerView());

    private async Task<WashSaleStatusView> WashSaleStatus(DateTimeOffset now) =>
        await SharesOwnerView()
            ? await OwnerView().GetWashSaleStatus(Key, State.FillSequence)
            : (await LocalTaxLots()).Status(NyseCalendar.Instance.DateOf(now));

    /// <summary>Whether the owner's grain keeps this account's lots; registers the account first if it never was.</summary>
    private async Task<bool> SharesOwnerView()
    {
        if (State.TaxOwner == TaxOwnerLink.Unregistered)
        {
            State.TaxOwner = await RegisterWithOwner(State.Account!);
            await state.WriteStateAsync();
            MovesNextToOwner();
        }
        return State.TaxOwner == TaxOwnerLink.Shared;
    }

    /// <summary>Idempotent, so a registration cut short is simply run again.</summary>
    private async Task<TaxOwnerLink> RegisterWithOwner(AccountInfo account)
    {
        await GrainFactory.GetGrain<ITaxOwnerAccountGrain>(TaxOwnerAccountGrain.KeyOf(account.Owner, account.Account)).Register();
        var owner = GrainFactory.GetGrain<ITaxOwnerGrain>(account.Owner);
        var registration = await owner.Register(account);
        if (registration.AccountToTell is { } first)
        {
            await GrainFactory.GetGrain<IPortfolioGrain>(first).UseOwnerTaxView();
            await owner.FirstAccountTold(first);
        }
        return registration.Shared ? TaxOwnerLink.Shared : TaxOwnerLink.Solo;
    }

    /// <summary>
    /// The facts for the gate. If the owner's grain cannot answer, the order is judged without them: the facts say why
    /// (<see cref="WashSaleFacts.NotEvaluated"/>), as they do when the book cannot work them out.
    /// </summary>
    private async Task<WashSaleFacts> WashSaleFactsFor(bool shared, ProposedOrder proposed, decimal estimatedPrice)
    {
        if (!shared) return (await LocalTaxLots()).WashSaleFactsFor(proposed, estimatedPrice);
        try
        {
            return await OwnerView().WashSaleFacts(Key, State.FillSequence, proposed, estimatedPrice);
        }
        catch (Exception e)
        {
            LogOwnerFactsFailed(e, Key, State.Account!.Owner);
            return WashSaleFacts.None with { NotEvaluated = $"the tax lots of owner {State.Account!.Owner} could not be read: {e.Message}" };
        }
    }

    /// <summary>Numbers a fill being committed, and keeps it for whoever keeps the lots.</summary>
    private void RecordForTaxLots(Fill fill)
    {
        var sequence = ++State.FillSequence;
        if (State.TaxOwner == TaxOwnerLink.Shared) (_unsentFills ??= []).Add(new SequencedFill(sequence, fill));
        else _taxLots?.Add(fill);
    }

    /// <summary>
    /// Sends the committed fills the owner's grain has not acknowledged. A failure is logged and retried shortly; it
    /// loses nothing, since the owner's grain catches up from storage when it sees the gap.
    /// </summary>
    private async Task SendFillsToOwner()
    {
        if (_unsentFills is not { Count: > 0 } unsent) return;
        var sending = unsent.ToImmutableArray();
        try
        {
            await OwnerView().RecordFills(Key, State.FillSequence, sending);
            unsent.RemoveRange(0, sending.Length);
        }
        catch (Exception e)
        {
            LogOwnerFillsFailed(e, Key, sending.Length);
            ScheduleOwnerRetry();
        }
    }

    /// <summary>On activation: the last activation may have stopped before its last fills reached the owner's grain.</summary>
    private async Task SyncOwnerView()
    {
        if (State.TaxOwner != TaxOwnerLink.Shared || State.FillSequence == 0) return;
        try
        {
            await OwnerView().RecordFills(Key, State.FillSequence, []);
        }
        catch (Exception e)
        {
            LogOwnerFillsFailed(e, Key, 0);
        }
    }

    /// <summary>The lots kept here while the owner has this account alone.</summary>
    private async Task<OwnerTaxLots> LocalTaxLots()
    {
        if (_taxLots is null) await LoadFillViews();
        // One account's fills arrive out of order rarely (a venue's fill after a later order); putting them back is cheap.
        if (_taxLots!.IsOutOfOrder) _taxLots.Resort();
        return _taxLots;
    }

    private OwnerTaxLots BuildTaxLots(IEnumerable<Fill> fills)
    {
        var lots = new OwnerTaxLots(State.Account!.Owner, (fill, e) => LogFillLeftOut(e, Key, fill.FillId));
        lots.AddAccount(State.Account);
        lots.Add(fills);
        return lots;
    }

    private ITaxOwnerGrain OwnerView() => GrainFactory.GetGrain<ITaxOwnerGrain>(State.Account!.Owner);

    [LoggerMessage(LogLevel.Error, "Account {Account}: the tax-lot book cannot take recorded fill {FillId}; its lots leave it out")]
    private partial void LogFillLeftOut(Exception exception, string account, string fillId);

    [LoggerMessage(LogLevel.Warning, "Account {Account}: owner {Owner}'s tax lots could not be read; the order is judged without wash-sale facts")]
    private partial void LogOwnerFactsFailed(Exception exception, string account, string owner);

    [LoggerMessage(LogLevel.Warning, "Account {Account}: sending {Count} fills to its owner's tax lots failed; they are sent again shortly")]
    private partial void LogOwnerFillsFailed(Exception exception, string account, int count);
}
