namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// The shares one opening fill bought (or sold short): one lot, later perhaps split into parts by wash sales. Shares
/// of one family never replace each other (Rev. Rul. 56-602). Its parts sit next to each other in their chain.
/// </summary>
internal sealed class LotFamily(AccountBook account, int ordinal, long sequence, DateTimeOffset openedAt)
{
    public AccountBook Account { get; } = account;

    /// <summary>The opening fill's ordinal among the account's fills: the n of the lot id.</summary>
    public int Ordinal { get; } = ordinal;

    /// <summary>Acquisition order across all the owner's accounts.</summary>
    public long Sequence { get; } = sequence;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public int PartsCreated { get; set; } = 1;

    /// <summary>The first part still holding units, or null once the family is closed.</summary>
    public LotPart? FirstOpen { get; set; }
}
