using System.Globalization;
using System.Text.Json;
using SmartTrader.Compliance.TaxLots;

namespace SmartTrader.Server.ComplianceCli;

/// <summary>`compliance lots` output: open lots and realized sales, as two text tables or one JSON document.</summary>
internal static class LotsOutput
{
    public static string Json(IReadOnlyList<TaxLot> lots, IReadOnlyList<RealizedSale> sales) =>
        JsonSerializer.Serialize(new { lots, realizedSales = sales }, CheckOutput.Options);

    public static void WriteText(TextWriter output, IReadOnlyList<TaxLot> lots, IReadOnlyList<RealizedSale> sales)
    {
        output.WriteLine($"open lots ({lots.Count})");
        WriteTable(output,
            ["lot", "account", "symbol", "dir", "quantity", "basis", "adjusted basis", "acquired", "adjusted acquired", "wash sale from"],
            lots.Select(l => new[]
            {
                l.Id, l.Account, l.Symbol, l.Direction.ToString(), Number(l.Quantity), Money(l.Basis), Money(l.AdjustedBasis),
                Date(l.AcquiredOn), Date(l.AdjustedAcquiredOn), l.WashSaleFromLot ?? "",
            }));
        output.WriteLine();
        output.WriteLine($"realized sales ({sales.Count})");
        WriteTable(output,
            ["lot", "account", "symbol", "quantity", "sold", "adj. acquired", "proceeds", "cost", "gain/loss", "disallowed", "wash sale", "recognized"],
            sales.Select(s => new[]
            {
                s.LotId, s.Account, s.Symbol, Number(s.Quantity), Date(s.SaleDate), Date(s.AdjustedAcquiredOn),
                Money(s.Proceeds), Money(s.Cost), Money(s.GainOrLoss), Money(s.DisallowedLoss),
                s.IsWashSale ? s.IsPermanentlyDisallowed ? "yes (IRA)" : "yes" : "", Money(s.RecognizedGainOrLoss),
            }));
    }

    private static void WriteTable(TextWriter output, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, column) => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
            output.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
    }

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
