using SmartTrader.Compliance;
using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Trading.Domain;

/// <summary>
/// The tax lots and wash sales of one owner across the accounts added to it: a <see cref="TaxLotBook"/> fed the
/// accounts' fills, kept exact when fills come late, twice, or with a gap.
/// <list type="bullet">
/// <item>Each fill is applied once, known by its id.</item>
/// <item>The book takes fills in time order only. A fill that comes after one it should precede (see
/// <see cref="ComplianceTerms.CompareFills"/>; fills of two accounts reach the owner in the order their portfolios
/// committed them, not always in time order) is applied at the latest time the book has seen, and the view is
/// <see cref="IsOutOfOrder"/> until <see cref="Resort"/> rebuilds the book with every fill in order: the book a
/// rebuild from storage gives.</item>
/// <item>Each account numbers its fills (its portfolio's fill sequence); the view knows up to which number it holds
/// every fill of an account (<see cref="SequenceOf"/>), so its holder can tell when to read the rest from storage.</item>
/// </list>
/// Not thread-safe: one caller at a time, like a grain's state.
/// </summary>
public sealed class OwnerTaxLots
{
    private const int WashSaleWindowDays = 30;

    private readonly Dictionary<string, Member> _accounts = new(StringComparer.Ordinal);
    private readonly List<Fill> _fills = [];
    private readonly HashSet<string> _fillIds = new(StringComparer.Ordinal);
    private readonly Action<Fill, TaxLotException> _refused;
    private TaxLotBook _book;
    private Fill? _latest;
    private DateTimeOffset _bookTime = DateTimeOffset.MinValue;

    /// <param name="refused">Told of each fill the book refuses (it is left out of the lots, as it would be in any rebuild).</param>
    public OwnerTaxLots(string owner, Action<Fill, TaxLotException> refused)
    {
        Owner = owner;
        _refused = refused;
        _book = new TaxLotBook([]);
    }

    public string Owner { get; }

    /// <summary>Fills applied after one they should precede, since the book was last in order.</summary>
    public int OutOfOrderFills { get; private set; }

    /// <summary>Some fill was applied after one it should precede; <see cref="Resort"/> puts them in order.</summary>
    public bool IsOutOfOrder => OutOfOrderFills > 0;

    public IEnumerable<string> Accounts => _accounts.Keys;

    public bool Holds(string account) => _accounts.ContainsKey(account);

    /// <summary>Every fill of the account numbered up to this is held.</summary>
    public long SequenceOf(string account) => Require(account).Sequence;

    /// <summary>Adds an account (nothing if it is already there); its sequence starts at 0.</summary>
    public void AddAccount(AccountInfo account)
    {
        if (account.Owner != Owner)
            throw new TradingException(TradingErrorKind.Invalid, $"Account {account.Account} belongs to {account.Owner}, not {Owner}.");
        if (_accounts.ContainsKey(account.Account)) return;
        var member = new Member(ComplianceAccount(account));
        _book.AddAccount(member.Account);
        _accounts.Add(account.Account, member);
    }

    /// <summary>Applies the fills not yet held, in order among themselves.</summary>
    public void Add(IEnumerable<Fill> fills)
    {
        var unseen = fills.Where(f => !_fillIds.Contains(f.FillId)).DistinctBy(f => f.FillId).ToList();
        unseen.Sort(ComplianceTerms.CompareFills);
        foreach (var fill in unseen) Apply(fill);
    }

    /// <summary>Applies the fill unless it is held already.</summary>
    public void Add(Fill fill)
    {
        if (!_fillIds.Contains(fill.FillId)) Apply(fill);
    }

    /// <summary>
    /// Takes the account's fill numbered <paramref name="sequence"/>: applied (unless held already) when it is the
    /// next number; <see cref="SequenceOutcome.Gap"/> when a number before it is missing, and nothing changes.
    /// </summary>
    public SequenceOutcome Record(string account, long sequence, Fill fill)
    {
        var member = Require(account);
        if (fill.Account != account)
            throw new TradingException(TradingErrorKind.Invalid, $"Fill {fill.FillId} is of account {fill.Account}, not {account}.");
        if (sequence <= member.Sequence) return SequenceOutcome.Held;
        if (sequence > member.Sequence + 1) return SequenceOutcome.Gap;
        member.Sequence = sequence;
        Add(fill);
        return SequenceOutcome.Applied;
    }

    /// <summary>
    /// Applies what storage holds of the accounts (the fills not yet held, in order) and moves each account's sequence
    /// up to what storage had committed when it was read.
    /// </summary>
    public void CatchUp(IEnumerable<(string Account, long Sequence, IReadOnlyList<Fill> Fills)> stored)
    {
        var fills = new List<Fill>();
        foreach (var (account, sequence, accountFills) in stored)
        {
            var member = Require(account);
            member.Sequence = Math.Max(member.Sequence, sequence);
            fills.AddRange(accountFills.Where(f => f.Account == account));
        }
        Add(fills);
    }

    /// <summary>Rebuilds the book with every fill held, in order.</summary>
    public void Resort()
    {
        _fills.Sort(ComplianceTerms.CompareFills);
        _book = new TaxLotBook(_accounts.Values.Select(m => m.Account));
        _bookTime = DateTimeOffset.MinValue;
        _latest = null;
        OutOfOrderFills = 0;
        foreach (var fill in _fills) ApplyToBook(fill);
    }

    /// <summary>What the wash-sale rule would say if the order filled now; the facts say why when they cannot be worked out.</summary>
    public WashSaleFacts WashSaleFactsFor(ProposedOrder order, decimal estimatedPrice)
    {
        try
        {
            Require(order.Account);
            // The book has seen fills up to _bookTime; an order is never judged as if it came before them.
            var asOf = order.Time < _bookTime ? order with { Time = _bookTime } : order;
            return _book.WashSaleFactsFor(asOf, estimatedPrice);
        }
        catch (TaxLotException e)
        {
            return WashSaleFacts.None with { NotEvaluated = e.Message };
        }
    }

    public TaxLotsView View(string account)
    {
        Require(account);
        var ledger = _book.LedgerOf(account);
        return new TaxLotsView(account, [.. ledger.Lots(account)], [.. ledger.RealizedSales(account)]);
    }

    /// <summary>The loss sales in taxable accounts from 30 days before <paramref name="today"/> (a New York date) on.</summary>
    public WashSaleStatusView Status(DateOnly today)
    {
        var from = today.AddDays(-WashSaleWindowDays);
        var taxable = _accounts.Values.Where(m => m.Account.Type != AccountKind.IRA).Select(m => m.Account.Id).ToHashSet(StringComparer.Ordinal);
        var losses = _book.RealizedSales()
            .Where(s => s.SaleDate >= from && s.GainOrLoss < 0m && taxable.Contains(s.Account))
            .Select(s => new RecentLossView(
                s.Account, s.LotId, s.Symbol, s.Direction, s.SaleDate, s.SaleDate.AddDays(WashSaleWindowDays),
                s.Quantity, -s.GainOrLoss, s.DisallowedLoss,
                s.Quantity - s.Replacements.Sum(r => r.Shares), -s.GainOrLoss - s.DisallowedLoss, s.Replacements));
        return new WashSaleStatusView(Owner, [.. _accounts.Keys.Order(StringComparer.Ordinal)], [.. losses]);
    }

    private void Apply(Fill fill)
    {
        _fills.Add(fill);
        _fillIds.Add(fill.FillId);
        ApplyToBook(fill);
    }

    private void ApplyToBook(Fill fill)
    {
        if (_latest is not null && ComplianceTerms.CompareFills(fill, _latest) < 0) OutOfOrderFills++;
        else _latest = fill;

        var time = fill.Time < _bookTime ? _bookTime : fill.Time;
        try
        {
            _book.Apply(ComplianceTerms.FillOf(fill, time));
            _bookTime = time;
        }
        catch (TaxLotException e)
        {
            _refused(fill, e);
        }
    }

    private Member Require(string account) =>
        _accounts.GetValueOrDefault(account) ?? throw new TaxLotException($"account {account} is not among the accounts of {Owner}");

    private ComplianceAccount ComplianceAccount(AccountInfo account) =>
        new(account.Account, Owner, ComplianceTerms.KindOf(account.Type), 0m);

    private sealed class Member(ComplianceAccount account)
    {
        public ComplianceAccount Account { get; } = account;
        public long Sequence { get; set; }
    }
}

public enum SequenceOutcome
{
    /// <summary>The fill was applied (or was held already under another number's catch-up).</summary>
    Applied,
    /// <summary>The number was taken already: nothing to do.</summary>
    Held,
    /// <summary>A number before it is missing: read the account from storage, then offer it again.</summary>
    Gap,
}
