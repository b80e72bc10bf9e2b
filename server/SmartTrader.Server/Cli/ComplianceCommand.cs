using System.CommandLine;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Files;
using SmartTrader.Server.ComplianceCli;

namespace SmartTrader.Server.Cli;

/// <summary>
/// `compliance check` and `compliance lots`: offline, on accounts, fills and order files (docs/compliance/cli.md).
/// Exit codes: 0 when a decision or the lots were printed (whatever the decision), 2 when an input cannot be used
/// (a malformed file, an unknown account, rules that do not compile); the parser's own usage errors exit 1.
/// </summary>
internal static class ComplianceCommand
{
    private const int BadInput = 2;

    public static Command Create()
    {
        var command = new Command("compliance", "Day trading, intraday margin and wash sales, offline on files (docs/compliance/cli.md).");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Lots());
        return command;
    }

    private static Option<FileInfo> Accounts() => new("--accounts") { Description = "Accounts file: [{id, owner, type: Cash|Margin|IRA, equity}].", Required = true };

    private static Option<FileInfo> Fills() => new("--fills") { Description = "Fills file: [{time, account, symbol, side, quantity, price, lots?, instrument?}].", Required = true };

    private static Option<bool> Json() => new("--json") { Description = "Machine-readable output." };

    private static Command Check()
    {
        var accounts = Accounts();
        var fills = Fills();
        var order = new Option<FileInfo>("--order") { Description = "The proposed order: a fill's fields, price optional.", Required = true };
        var regime = new Option<string>("--regime") { Description = "Judge every date under one regime instead of the rulesets' setting." };
        regime.AcceptOnlyFromAmong("legacy", "intraday");
        var counting = new Option<string>("--counting") { Description = "Count day trades this way instead of the rulesets' setting." };
        counting.AcceptOnlyFromAmong("traditional", "direction-change");
        var rules = new Option<DirectoryInfo>("--rules") { Description = "Read pdt.json, intraday-margin.json and wash-sale.json from DIR instead of the shipped rulesets." };
        var json = Json();
        var command = new Command("check", "Decide Allow, Warn or Block for a proposed order and print every fact behind the decision.")
        {
            accounts, fills, order, regime, counting, rules, json,
        };
        command.SetAction(parse => Run(parse, output =>
        {
            var history = ComplianceHistory.Read(parse.GetValue(accounts)!.FullName, parse.GetValue(fills)!.FullName);
            var source = parse.GetValue(rules) is { } directory ? ComplianceRules.FromDirectory(directory) : ComplianceRules.Shipped();
            var report = ComplianceCheck.Run(history, parse.GetValue(order)!.FullName, source,
                parse.GetValue(regime) switch { "legacy" => PdtRegime.Legacy, "intraday" => PdtRegime.IntradayMargin, _ => null },
                parse.GetValue(counting) switch { "traditional" => DayTradeCounting.Traditional, "direction-change" => DayTradeCounting.DirectionChange, _ => null });
            if (parse.GetValue(json)) output.WriteLine(CheckOutput.Json(report));
            else CheckOutput.WriteText(output, report);
        }));
        return command;
    }

    private static Command Lots()
    {
        var accounts = Accounts();
        var fills = Fills();
        var json = Json();
        var command = new Command("lots", "Open tax lots (basis, adjusted basis and dates) and realized sales (gain or loss, wash sales) of every account.")
        {
            accounts, fills, json,
        };
        command.SetAction(parse => Run(parse, output =>
        {
            var history = ComplianceHistory.Read(parse.GetValue(accounts)!.FullName, parse.GetValue(fills)!.FullName);
            var book = history.TaxLotBook(history.Accounts);
            var (lots, sales) = (book.Lots(), book.RealizedSales());
            if (parse.GetValue(json)) output.WriteLine(LotsOutput.Json(lots, sales));
            else LotsOutput.WriteText(output, lots, sales);
        }));
        return command;
    }

    private static int Run(ParseResult parse, Action<TextWriter> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            action(parse.InvocationConfiguration.Output);
            return 0;
        }
        catch (ComplianceFileException e)
        {
            error.WriteLine(e.Message);
            return BadInput;
        }
        catch (ComplianceCliException e)
        {
            error.WriteLine(e.Message);
            return BadInput;
        }
    }
}
