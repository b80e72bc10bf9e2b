namespace SmartTrader.Compliance.Files;

/// <summary>
/// Reads the files compliance staff and auditors give the offline CLI: accounts, fills and a proposed order
/// (docs/compliance/cli.md). A malformed file fails with a <see cref="ComplianceFileException"/> naming the file,
/// line, column and field; nothing is guessed.
/// </summary>
public static class ComplianceFiles
{
    public static IReadOnlyList<ComplianceAccount> ReadAccounts(string path)
    {
        var file = ComplianceFile<ComplianceAccount[]>.Read(path, "accounts");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < file.Value.Length; i++)
        {
            var account = file.Value[i];
            if (string.IsNullOrWhiteSpace(account.Id)) throw file.Problem(i, "id", "is empty");
            if (string.IsNullOrWhiteSpace(account.Owner)) throw file.Problem(i, "owner", "is empty");
            if (account.Equity < 0) throw file.Problem(i, "equity", $"is {account.Equity}; equity at the previous close cannot be negative here");
            if (!seen.Add(account.Id)) throw file.Problem(i, "id", $"account '{account.Id}' is listed twice");
        }
        return file.Value;
    }

    /// <summary>The fills, in the file's order; each must name an account of <paramref name="accounts"/>.</summary>
    public static IReadOnlyList<Fill> ReadFills(string path, IReadOnlyList<ComplianceAccount> accounts)
    {
        var file = ComplianceFile<Fill[]>.Read(path, "fills");
        var known = accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < file.Value.Length; i++)
        {
            var fill = file.Value[i];
            Check(file, i, known, fill.Account, fill.Symbol, fill.Side, fill.Quantity, fill.Lots, fill.Instrument);
            if (fill.Price <= 0) throw file.Problem(i, "price", $"is {fill.Price}; a fill's price must be positive");
        }
        return file.Value;
    }

    public static ProposedOrder ReadOrder(string path, IReadOnlyList<ComplianceAccount> accounts)
    {
        var file = ComplianceFile<ProposedOrder>.Read(path, "order");
        var order = file.Value;
        Check(file, -1, accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal), order.Account, order.Symbol, order.Side, order.Quantity, order.Lots, order.Instrument);
        if (order.Price is <= 0) throw file.Problem(-1, "price", $"is {order.Price}; leave it out, or give a positive price");
        return order;
    }

    private static void Check<T>(
        ComplianceFile<T> file, int index, HashSet<string> accounts,
        string account, string symbol, TradeSide side, decimal quantity, IReadOnlyList<string>? lots, Instrument? instrument)
    {
        if (!accounts.Contains(account))
            throw file.Problem(index, "account", $"'{account}' is not in the accounts file");
        if (string.IsNullOrWhiteSpace(symbol)) throw file.Problem(index, "symbol", "is empty");
        if (quantity <= 0) throw file.Problem(index, "quantity", $"is {quantity}; give a positive quantity and the direction in side");
        if (lots is not null && side is TradeSide.Buy or TradeSide.SellShort)
            throw file.Problem(index, "lots", $"names lots to close, but a {side} opens a position");
        if (lots is not null && lots.Any(string.IsNullOrWhiteSpace)) throw file.Problem(index, "lots", "contains an empty lot id");
        if (instrument is not null) CheckInstrument(file, index, symbol, instrument);
    }

    private static void CheckInstrument<T>(ComplianceFile<T> file, int index, string symbol, Instrument instrument)
    {
        if (string.IsNullOrWhiteSpace(instrument.Underlying)) throw file.Problem(index, "instrument.underlying", "is empty");
        if (instrument.Type == InstrumentKind.Stock)
        {
            if (instrument.Underlying != symbol)
                throw file.Problem(index, "instrument.underlying", $"is '{instrument.Underlying}', but a stock's underlying is its own symbol '{symbol}'");
            return;
        }
        if (instrument.Right is null) throw file.Problem(index, "instrument.right", "is required for an option: Call or Put");
        if (instrument.Strike is not > 0) throw file.Problem(index, "instrument.strike", "is required for an option and must be positive");
        if (instrument.Expiry is null) throw file.Problem(index, "instrument.expiry", "is required for an option, as yyyy-MM-dd");
        if (instrument.Multiplier <= 0) throw file.Problem(index, "instrument.multiplier", $"is {instrument.Multiplier}; it must be positive (100 for a standard contract)");
    }
}
