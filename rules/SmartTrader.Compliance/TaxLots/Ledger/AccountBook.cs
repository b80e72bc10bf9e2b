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

    /// <summary>Families with units still held, by the ordinal of their opening fill.</summary>
    public Dictionary<int, LotFamily> OpenFamilies { get; } = [];
}
