namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>One account's positions, its open lot families by fill ordinal, and how many fills it has had.</summary>
internal sealed class AccountBook(ComplianceAccount account, int index)
{
    public ComplianceAccount Account { get; } = account;

    /// <summary>Where the ledger keeps it: sales name their account by this number.</summary>
    public int Index { get; } = index;

    public string Id => Account.Id;
    public bool IsIra => Account.Type == AccountKind.IRA;

    public int FillCount { get; set; }

    public Dictionary<string, Position> Positions { get; } = new(StringComparer.Ordinal);

    private LotFamily?[] _openFamilies = new LotFamily?[8];

    /// <summary>The family opened by the account's <paramref name="ordinal"/>-th fill, while it still holds units.</summary>
    public LotFamily? OpenFamily(int ordinal) => ordinal < _openFamilies.Length ? _openFamilies[ordinal] : null;

    public void Opened(LotFamily family)
    {
        if (family.Ordinal >= _openFamilies.Length)
            Array.Resize(ref _openFamilies, Math.Max(family.Ordinal + 1, _openFamilies.Length * 2));
        _openFamilies[family.Ordinal] = family;
    }

    public void Closed(LotFamily family) => _openFamilies[family.Ordinal] = null;
}
