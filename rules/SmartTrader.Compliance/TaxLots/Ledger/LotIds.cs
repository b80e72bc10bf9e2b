using System.Globalization;

namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// Lot ids: "&lt;account&gt;-&lt;n&gt;" for the lot opened by the account's n-th fill (1-based, counting every fill of
/// the account in the order the ledger received them), and "&lt;account&gt;-&lt;n&gt;.&lt;k&gt;" (k = 2, 3, ...) for the
/// parts a wash sale split off it, numbered in the order they were split off.
/// </summary>
internal static class LotIds
{
    public static string Format(string account, int ordinal, int part) =>
        part == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{account}-{ordinal}")
            : string.Create(CultureInfo.InvariantCulture, $"{account}-{ordinal}.{part}");

    /// <summary>Reads "&lt;account&gt;-&lt;n&gt;" (part 0: every part of that lot) or "&lt;account&gt;-&lt;n&gt;.&lt;k&gt;".</summary>
    public static bool TryParse(string id, out string account, out int ordinal, out int part)
    {
        account = "";
        ordinal = 0;
        part = 0;
        var dash = id.LastIndexOf('-');
        if (dash <= 0 || dash == id.Length - 1)
            return false;
        account = id[..dash];
        var number = id.AsSpan(dash + 1);
        var dot = number.IndexOf('.');
        if (dot < 0)
            return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out ordinal) && ordinal > 0;
        return int.TryParse(number[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out ordinal) && ordinal > 0
            && int.TryParse(number[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out part) && part > 0;
    }
}
