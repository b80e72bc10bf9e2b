namespace SmartTrader.Compliance.TaxLots;

/// <summary>
/// The ledgers of every owner: routes each fill to its account's owner. What the CLI and the bench build from an
/// accounts file and a fills file.
/// </summary>
public sealed class TaxLotBook
{
    private readonly Dictionary<string, OwnerLedger> _byOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OwnerLedger> _byAccount = new(StringComparer.Ordinal);

    public TaxLotBook(IEnumerable<ComplianceAccount> accounts, WashSaleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        Options = options ?? WashSaleOptions.Default;
        foreach (var account in accounts)
            AddAccount(account);
    }

    public WashSaleOptions Options { get; }

    /// <summary>A book with <paramref name="fills"/> applied in time order (fills at the same time keep their order).</summary>
    public static TaxLotBook Build(IEnumerable<ComplianceAccount> accounts, IEnumerable<Fill> fills, WashSaleOptions? options = null)
    {
        var book = new TaxLotBook(accounts, options);
        book.ApplyAll(fills);
        return book;
    }

    public void AddAccount(ComplianceAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (_byAccount.ContainsKey(account.Id))
            throw new TaxLotException($"account {account.Id} is already in the book");
        if (!_byOwner.TryGetValue(account.Owner, out var ledger))
            _byOwner.Add(account.Owner, ledger = new OwnerLedger(account.Owner, Options));
        ledger.AddAccount(account);
        _byAccount.Add(account.Id, ledger);
    }

    public OwnerLedger LedgerOf(string accountId) =>
        _byAccount.TryGetValue(accountId, out var ledger) ? ledger : throw new TaxLotException($"account {accountId} is not known");

    public void Apply(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        LedgerOf(fill.Account).Apply(fill);
    }

    /// <summary>Applies <paramref name="fills"/> sorted by time; fills at the same time keep their order.</summary>
    public void ApplyAll(IEnumerable<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        foreach (var fill in Fill.InTimeOrder(fills))
            Apply(fill);
    }

    public IReadOnlyList<TaxLot> Lots() => _byOwner.Values.SelectMany(l => l.Lots()).ToList();

    /// <summary>Every owner's realized sales by sale time (an owner's sales at the same time keep their order).</summary>
    public IReadOnlyList<RealizedSale> RealizedSales() =>
        _byOwner.Values.SelectMany(l => l.RealizedSales()).OrderBy(s => s.SoldAt).ToList();

    public WashSaleFacts WashSaleFactsFor(ProposedOrder order, decimal estimatedPrice)
    {
        ArgumentNullException.ThrowIfNull(order);
        return LedgerOf(order.Account).WashSaleFactsFor(order, estimatedPrice);
    }
}
