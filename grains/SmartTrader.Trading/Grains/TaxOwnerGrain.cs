using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SmartTrader.Compliance;
using SmartTrader.Compliance.Calendar;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Runtime;
using SmartTrader.Trading.Domain;
using SmartTrader.Trading.ReadModels;

namespace SmartTrader.Trading.Grains;

public sealed class TaxOwnerState
{
    /// <summary>The account registered first: until a second one registers, it keeps its tax lots itself.</summary>
    public string? FirstAccount { get; set; }

    /// <summary>A second account registered: this grain keeps the lots of every account of the owner.</summary>
    public bool Shared { get; set; }

    /// <summary>The first account was told that this grain now keeps its lots.</summary>
    public bool FirstAccountTold { get; set; }
}

/// <summary>
/// The owner's view (see <see cref="ITaxOwnerGrain"/>). Its state is only who registered first and whether the owner
/// has more accounts; the lots are held in memory, built on first use from the registered accounts' fills in storage,
/// then kept current by the fills the portfolios send.
/// <para>
/// Portfolios send their fills as they commit them, so fills of two accounts can arrive in another order than their
/// times. Such a fill is applied at once (facts must see it), and the book is put back in time order once no fill
/// has arrived out of order for <see cref="ResortWhenQuietFor"/>, or before any view is answered; under a steady
/// stream of such fills, facts are worked out on fills in arrival order (the same trade dates; only which of several
/// same-day losses and purchases match first can differ).
/// </para>
/// </summary>
[GrainType(TypeName)]
public sealed partial class TaxOwnerGrain(
    [PersistentState(TaxOwnerGrain.StateName)] IPersistentState<TaxOwnerState> state,
    TaxOwnerSources sources,
    ILogger<TaxOwnerGrain> logger)
    : Grain, ITaxOwnerGrain
{
    public const string TypeName = "tax-owner";
    public const string StateName = "tax-owner";

    private static readonly TimeSpan ResortWhenQuietFor = TimeSpan.FromSeconds(1);

    private OwnerTaxLots? _lots;
    private IDisposable? _resortTimer;
    private DateTimeOffset _lastOutOfOrder;
    private int _outOfOrderSeen;

    private TaxOwnerState State => state.State;

    public async Task<TaxOwnerRegistration> Register(AccountInfo account)
    {
        if (account.Owner != Key)
            throw new TradingException(TradingErrorKind.Invalid, $"Account {account.Account} belongs to {account.Owner}, not {Key}.");

        var changed = false;
        if (State.FirstAccount is null)
        {
            State.FirstAccount = account.Account;
            changed = true;
        }
        else if (State.FirstAccount != account.Account && !State.Shared)
        {
            State.Shared = true;
            changed = true;
        }
        if (State.Shared && State.FirstAccount == account.Account && !State.FirstAccountTold)
        {
            State.FirstAccountTold = true; // it learns it from this answer
            changed = true;
        }
        if (changed) await state.WriteStateAsync();
        // Not added to the view here: the account is not written yet (it registers first), and an opening that fails
        // leaves a registration without an account. The view takes it in on its first call (LotsFor).
        return new TaxOwnerRegistration(State.Shared, State.Shared && !State.FirstAccountTold ? State.FirstAccount : null);
    }

    public async Task FirstAccountTold(string account)
    {
        if (account != State.FirstAccount || State.FirstAccountTold) return;
        State.FirstAccountTold = true;
        await state.WriteStateAsync();
    }

    public async Task RecordFills(string account, long sequence, ImmutableArray<SequencedFill> fills)
    {
        // Not built yet: the fills are committed, so building the view will read them.
        if (_lots is null) return;
        var lots = await LotsFor(account);
        foreach (var sent in fills.OrderBy(f => f.Sequence))
        {
            if (lots.Record(account, sent.Sequence, sent.Fill) != SequenceOutcome.Gap) continue;
            await CatchUp([account]);
            // Storage had every fill up to the one sent (it is sent after its commit), so none is missing now.
            if (lots.Record(account, sent.Sequence, sent.Fill) == SequenceOutcome.Gap)
                LogStillMissing(account, sent.Sequence, lots.SequenceOf(account));
        }
        await CatchUpTo(lots, account, sequence);
        NoteOrder(lots);
    }

    public async Task<WashSaleFacts> WashSaleFacts(string account, long sequence, ProposedOrder order, decimal estimatedPrice)
    {
        if (order.Account != account)
            throw new TradingException(TradingErrorKind.Invalid, $"The order is for account {order.Account}, not {account}.");
        var lots = await LotsFor(account);
        await CatchUpTo(lots, account, sequence);
        NoteOrder(lots);
        return lots.WashSaleFactsFor(order, estimatedPrice);
    }

    public async Task<TaxLotsView> GetTaxLots(string account, long sequence) => (await CurrentLots(account, sequence)).View(account);

    public async Task<WashSaleStatusView> GetWashSaleStatus(string account, long sequence) =>
        (await CurrentLots(account, sequence)).Status(NyseCalendar.Instance.DateOf(Time.GetUtcNow()));

    /// <summary>For a view: every account caught up with what storage holds, and the book in time order.</summary>
    private async Task<OwnerTaxLots> CurrentLots(string account, long sequence)
    {
        var lots = await LotsFor(account);
        await CatchUpTo(lots, account, sequence);
        var accounts = lots.Accounts.ToArray();
        var committed = await Task.WhenAll(accounts.Select(a => sources.SequenceOfAsync(a)));
        var behind = accounts.Where((a, i) => committed[i] > lots.SequenceOf(a)).ToArray();
        if (behind.Length > 0) await CatchUp(behind);
        if (lots.IsOutOfOrder) Resort(lots);
        return lots;
    }

    /// <summary>The view, built from storage on first use, holding <paramref name="account"/>.</summary>
    private async Task<OwnerTaxLots> LotsFor(string account)
    {
        var lots = _lots ??= await Load();
        if (!lots.Holds(account))
        {
            // Registered after the view was built, without its registration reaching this activation.
            if (await sources.FillsOfAsync(account) is not { } stored || stored.Account.Owner != Key)
                throw new TradingException(TradingErrorKind.NotFound, $"Account {account} is not an account of {Key}.");
            lots.AddAccount(stored.Account);
            lots.CatchUp([(account, stored.Sequence, stored.Fills)]);
        }
        return lots;
    }

    private async Task<OwnerTaxLots> Load()
    {
        var lots = new OwnerTaxLots(Key, FillLeftOut);
        var registered = await sources.AccountsOfAsync(Key);
        var stored = (await Task.WhenAll(registered.Select(a => sources.FillsOfAsync(a))))
            .OfType<AccountFills>().Where(a => a.Account.Owner == Key).ToList();
        foreach (var account in stored) lots.AddAccount(account.Account);
        lots.CatchUp(stored.Select(a => (a.Account.Account, a.Sequence, (IReadOnlyList<Fill>)a.Fills)));
        LogLoaded(Key, stored.Count, stored.Sum(a => a.Fills.Length));
        return lots;
    }

    private async Task CatchUpTo(OwnerTaxLots lots, string account, long sequence)
    {
        if (lots.SequenceOf(account) < sequence) await CatchUp([account]);
    }

    private async Task CatchUp(IReadOnlyCollection<string> accounts)
    {
        var stored = await Task.WhenAll(accounts.Select(a => sources.FillsOfAsync(a)));
        _lots!.CatchUp(stored.OfType<AccountFills>().Select(a => (a.Account.Account, a.Sequence, (IReadOnlyList<Fill>)a.Fills)));
    }

    /// <summary>After fills out of order, the book is put in order once they stop coming for a while.</summary>
    private void NoteOrder(OwnerTaxLots lots)
    {
        if (lots.OutOfOrderFills <= _outOfOrderSeen) return;
        _outOfOrderSeen = lots.OutOfOrderFills;
        _lastOutOfOrder = Time.GetUtcNow();
        _resortTimer ??= RegisterTimer(_ =>
        {
            ResortIfQuiet();
            return Task.CompletedTask;
        }, ResortWhenQuietFor, ResortWhenQuietFor);
    }

    private void ResortIfQuiet()
    {
        if (_lots is { IsOutOfOrder: true } lots)
        {
            if (Time.GetUtcNow() - _lastOutOfOrder < ResortWhenQuietFor) return;
            Resort(lots);
        }
        _resortTimer?.Dispose();
        _resortTimer = null;
    }

    private void Resort(OwnerTaxLots lots)
    {
        lots.Resort();
        _outOfOrderSeen = 0;
        LogResorted(Key);
    }

    private void FillLeftOut(Fill fill, TaxLotException exception) => LogFillLeftOut(exception, Key, fill.Account, fill.FillId);

    [LoggerMessage(LogLevel.Information, "Owner {Owner}: tax lots built from {Accounts} accounts and {Fills} fills")]
    private partial void LogLoaded(string owner, int accounts, int fills);

    [LoggerMessage(LogLevel.Debug, "Owner {Owner}: tax lots put back in time order after fills arrived out of order")]
    private partial void LogResorted(string owner);

    [LoggerMessage(LogLevel.Error, "Owner {Owner}: the tax-lot book cannot take fill {FillId} of account {Account}; its lots leave it out")]
    private partial void LogFillLeftOut(Exception exception, string owner, string account, string fillId);

    [LoggerMessage(LogLevel.Warning, "Account {Account} sent fill number {Sequence}, but storage holds its fills only up to {Held}; it is read again on its next call")]
    private partial void LogStillMissing(string account, long sequence, long held);
}
