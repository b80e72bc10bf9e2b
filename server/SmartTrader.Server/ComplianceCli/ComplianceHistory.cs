using SmartTrader.Compliance;
using SmartTrader.Compliance.Files;
using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Server.ComplianceCli;

/// <summary>The accounts and fills files, read strictly, with the fills in time order (equal times keep the file's order).</summary>
internal sealed class ComplianceHistory
{
    private readonly string _fillsFile;
    private readonly int[] _fileIndexInTimeOrder;

    private ComplianceHistory(IReadOnlyList<ComplianceAccount> accounts, IReadOnlyList<Fill> fills, string fillsFile)
    {
        Accounts = accounts;
        _fillsFile = Path.GetFileName(fillsFile);
        _fileIndexInTimeOrder = [.. Enumerable.Range(0, fills.Count).OrderBy(i => fills[i].Time)];
        Fills = [.. _fileIndexInTimeOrder.Select(i => fills[i])];
    }

    public IReadOnlyList<ComplianceAccount> Accounts { get; }

    /// <summary>Every fill, in time order.</summary>
    public IReadOnlyList<Fill> Fills { get; }

    /// <exception cref="ComplianceFileException">A file is malformed.</exception>
    public static ComplianceHistory Read(string accountsFile, string fillsFile)
    {
        var accounts = ComplianceFiles.ReadAccounts(accountsFile);
        return new ComplianceHistory(accounts, ComplianceFiles.ReadFills(fillsFile, accounts), fillsFile);
    }

    public ComplianceAccount Account(string id) =>
        Accounts.FirstOrDefault(a => a.Id == id) ?? throw new ComplianceCliException($"account '{id}' is not in the accounts file");

    public IReadOnlyList<Fill> FillsOf(string account) => [.. Fills.Where(f => f.Account == account)];

    /// <summary>
    /// The tax-lot book of <paramref name="accounts"/> with their fills applied. A fill the book refuses (a sale of
    /// more than is held, a named lot that is not open) is reported with its place in the fills file.
    /// </summary>
    public TaxLotBook TaxLotBook(IReadOnlyList<ComplianceAccount> accounts)
    {
        var book = new TaxLotBook(accounts);
        var included = accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Fills.Count; i++)
        {
            if (!included.Contains(Fills[i].Account)) continue;
            try
            {
                book.Apply(Fills[i]);
            }
            catch (TaxLotException e)
            {
                throw new ComplianceCliException($"{_fillsFile}: fills[{_fileIndexInTimeOrder[i]}]: {e.Message}");
            }
        }
        return book;
    }
}
