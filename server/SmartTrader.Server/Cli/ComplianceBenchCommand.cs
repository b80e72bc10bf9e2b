using System.CommandLine;
using SmartTrader.Compliance;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Server.Bench;

namespace SmartTrader.Server.Cli;

/// <summary>`bench compliance`: rebuilding the day-trade ledger and the tax-lot book of a long history, and facts for a new order on it.</summary>
internal static class ComplianceBenchCommand
{
    public static Command Create(Option<bool> json)
    {
        var fills = new Option<int>("--fills") { Description = "Historical fills of the account.", DefaultValueFactory = _ => 1_000_000 };
        var orders = new Option<int>("--orders") { Description = "Proposed orders to time facts for.", DefaultValueFactory = _ => 100_000 };
        var oddLots = new Option<bool>("--odd-lots") { Description = "1 to 199 shares a fill instead of round lots of 100 to 500: about 25 times the lot closings, so a far slower tax-lot rebuild and about 5 GB of memory." };
        var warmRuns = new Option<int>("--warm-runs") { Description = "Rebuilds timed after the first one in the process (median and max reported).", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated fills.", DefaultValueFactory = _ => 42 };
        var command = new Command("compliance", "Compliance: day-trade ledger and tax-lot book rebuilds of a long history, facts for a new order.")
        {
            fills, orders, oddLots, warmRuns, seed, json,
        };
        command.SetAction(parse =>
        {
            var odd = parse.GetValue(oddLots);
            var lots = odd ? "odd lots of 1 to 199 shares" : "round lots of 100 to 500 shares";
            BenchOutput.Progress($"generating {parse.GetValue(fills):N0} fills ({lots}) and {parse.GetValue(orders):N0} orders");
            var workload = ComplianceBench.Generate(parse.GetValue(fills), parse.GetValue(orders), odd, parse.GetValue(seed));
            var account = workload.Account;

            BenchOutput.Progress("day-trade ledger rebuilds (the first in the process, then warm ones)");
            var ledgerTimes = ComplianceBench.Time(() => DayTradeLedger.Rebuild(account.Id, workload.Fills), parse.GetValue(warmRuns), out _);
            BenchOutput.Progress("tax-lot book rebuilds (the first in the process, then warm ones)");
            var bookTimes = ComplianceBench.Time(() => TaxLotBook.Build([account], workload.Fills), parse.GetValue(warmRuns), out var book);
            var closings = book.LedgerOf(account.Id).RealizedSaleCount;
            var sells = workload.Fills.Count(f => f.Side == TradeSide.Sell);
            BenchOutput.Progress("facts for proposed orders");
            var facts = ComplianceBench.Facts(workload, DayTradeLedger.Rebuild(account.Id, workload.Fills), book);

            BenchOutput.Write(parse.GetValue(json), $"compliance ({workload.Fills.Count:N0} fills of one margin account, {lots}; facts for {workload.Orders.Count:N0} proposed orders)",
            [
                ("fills", workload.Fills.Count), ("orders", workload.Orders.Count), ("lots", odd ? "odd" : "round"),
                ("dayTradeLedgerRebuildFirstInProcessSeconds", ledgerTimes.FirstInProcessSeconds),
                ("dayTradeLedgerRebuildWarmMedianSeconds", ledgerTimes.WarmMedianSeconds), ("dayTradeLedgerRebuildWarmMaxSeconds", ledgerTimes.WarmMaxSeconds),
                ("taxLotBookRebuildFirstInProcessSeconds", bookTimes.FirstInProcessSeconds),
                ("taxLotBookRebuildWarmMedianSeconds", bookTimes.WarmMedianSeconds), ("taxLotBookRebuildWarmMaxSeconds", bookTimes.WarmMaxSeconds),
                ("taxLotBookRebuildFirstInProcessCpuSeconds", bookTimes.FirstInProcessCpuSeconds), ("taxLotBookRebuildWarmMedianCpuSeconds", bookTimes.WarmMedianCpuSeconds),
                ("warmRebuilds", bookTimes.WarmRuns),
                ("taxLotClosings", closings), ("taxLotClosingsPerSell", sells == 0 ? 0 : (double)closings / sells),
                ("factsP50Micros", facts.All.P50Micros), ("factsP90Micros", facts.All.P90Micros), ("factsP99Micros", facts.All.P99Micros),
                ("dayTradingFactsP50Micros", facts.DayTrading.P50Micros), ("dayTradingFactsP90Micros", facts.DayTrading.P90Micros), ("dayTradingFactsP99Micros", facts.DayTrading.P99Micros),
                ("marginFactsP50Micros", facts.Margin.P50Micros), ("marginFactsP90Micros", facts.Margin.P90Micros), ("marginFactsP99Micros", facts.Margin.P99Micros),
                ("washSaleFactsP50Micros", facts.WashSale.P50Micros), ("washSaleFactsP90Micros", facts.WashSale.P90Micros), ("washSaleFactsP99Micros", facts.WashSale.P99Micros),
            ]);
            return 0;
        });
        return command;
    }
}
