using System.Diagnostics;
using SmartTrader.Compliance;
using SmartTrader.Compliance.Calendar;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Margin;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Server.ComplianceCli;

namespace SmartTrader.Server.Bench;

/// <summary>
/// Compliance facts on a long history: one margin account (one owner) with a seeded random walk of fills over 20
/// symbols, 250 fills a trading day from 2005 on, long positions only (a sale never exceeds what is held).
/// </summary>
public static class ComplianceBench
{
    private const int Symbols = 20;
    private const int FillsPerDay = 250;
    private static readonly DateOnly FirstDay = new(2005, 1, 3);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public sealed record Workload(ComplianceAccount Account, IReadOnlyList<Fill> Fills, IReadOnlyList<ProposedOrder> Orders);

    /// <summary>
    /// The first rebuild in the process (JIT still tiering up, heap still growing) and the warm ones after it: wall
    /// time, and the process's CPU time over the same span (every thread: the garbage collector's and the JIT's too),
    /// which a busy shared machine disturbs far less.
    /// </summary>
    public sealed record RebuildFigures(
        double FirstInProcessSeconds, double WarmMedianSeconds, double WarmMaxSeconds, int WarmRuns,
        double FirstInProcessCpuSeconds, double WarmMedianCpuSeconds);

    public sealed record FactsFigures(LatencySummary All, LatencySummary DayTrading, LatencySummary Margin, LatencySummary WashSale);

    /// <param name="oddLots">1 to 199 shares instead of round lots of 100 to 500.</param>
    public static Workload Generate(int fills, int orders, bool oddLots, int seed)
    {
        var random = new Random(seed);
        var account = new ComplianceAccount("bench-margin", "bench-owner", AccountKind.Margin, 10_000_000m);
        var symbols = Enumerable.Range(0, Symbols).Select(i => $"S{i:00}").ToArray();
        var prices = symbols.Select(_ => 20m + random.Next(0, 18_000) / 100m).ToArray();
        var held = new decimal[Symbols];
        var calendar = NyseCalendar.Instance;
        var firstOrdinal = calendar.OrdinalOnOrAfter(FirstDay);

        var history = new Fill[fills];
        for (var i = 0; i < fills; i++)
        {
            var time = TimeOf(calendar.TradingDayAt(firstOrdinal + i / FillsPerDay), i % FillsPerDay);
            history[i] = NextFill(random, account.Id, symbols, prices, held, oddLots, time);
        }

        var lastDay = calendar.TradingDayAt(firstOrdinal + (fills - 1) / FillsPerDay);
        var orderTime = TimeOf(lastDay, FillsPerDay);
        var proposed = new ProposedOrder[orders];
        for (var i = 0; i < orders; i++)
        {
            var fill = NextFill(random, account.Id, symbols, (decimal[])prices.Clone(), (decimal[])held.Clone(), oddLots, orderTime);
            proposed[i] = new ProposedOrder(fill.Time, fill.Account, fill.Symbol, fill.Side, fill.Quantity, fill.Price);
        }
        return new Workload(account, history, proposed);
    }

    /// <summary>
    /// The first run in the process, then <paramref name="warmRuns"/> more (each after a full collection);
    /// <paramref name="last"/> is what the last run built.
    /// </summary>
    public static RebuildFigures Time<T>(Func<T> rebuild, int warmRuns, out T last)
    {
        var first = Seconds(rebuild, out last);
        var warm = new List<(double Wall, double Cpu)>();
        for (var i = 0; i < Math.Max(1, warmRuns); i++)
            warm.Add(Seconds(rebuild, out last));
        var walls = warm.Select(w => w.Wall).Order().ToList();
        var cpus = warm.Select(w => w.Cpu).Order().ToList();
        return new RebuildFigures(first.Wall, walls[walls.Count / 2], walls[^1], warm.Count, first.Cpu, cpus[cpus.Count / 2]);
    }

    /// <summary>
    /// Facts for each proposed order on the history's day-trade ledger and tax-lot book, timed call by call (the
    /// clock's own tens of nanoseconds included).
    /// </summary>
    public static FactsFigures Facts(Workload workload, DayTradeLedger ledger, TaxLotBook book)
    {
        var account = workload.Account;
        var margin = new MarginStateFromFills(workload.Fills).StateOf(account, workload.Fills);
        var dayTrading = new DayTradingFactsBuilder(DayTradingSettings.Default);
        var calculator = new IntradayMarginCalculator(MaintenanceMarginOptions.Finra);

        object DayTrading(ProposedOrder o) => dayTrading.Build(account, ledger, o);
        object Margin(ProposedOrder o) => calculator.Build(account, margin, o);
        object WashSale(ProposedOrder o) => book.WashSaleFactsFor(o, o.Price!.Value);
        object All(ProposedOrder o) => (DayTrading(o), Margin(o), WashSale(o));

        return new FactsFigures(Latency(workload.Orders, All), Latency(workload.Orders, DayTrading), Latency(workload.Orders, Margin), Latency(workload.Orders, WashSale));
    }

    private static LatencySummary Latency(IReadOnlyList<ProposedOrder> orders, Func<ProposedOrder, object> facts)
    {
        foreach (var order in orders) facts(order); // warm-up: the JIT's second tier
        var recorder = new LatencyRecorder();
        foreach (var order in orders)
        {
            var started = Stopwatch.GetTimestamp();
            facts(order);
            recorder.Record(Stopwatch.GetTimestamp() - started);
        }
        return LatencyRecorder.Summarize([recorder]);
    }

    private static Fill NextFill(Random random, string account, string[] symbols, decimal[] prices, decimal[] held, bool oddLots, DateTimeOffset time)
    {
        var s = random.Next(Symbols);
        prices[s] = Math.Max(1m, Math.Round(prices[s] * (1m + (random.Next(-50, 51) / 10_000m)), 2));
        var quantity = oddLots ? random.Next(1, 200) : 100 * random.Next(1, 6);
        var sell = held[s] > 0 && random.Next(2) == 0;
        if (sell) quantity = (int)Math.Min(quantity, held[s]);
        held[s] += sell ? -quantity : quantity;
        return new Fill(time, account, symbols[s], sell ? TradeSide.Sell : TradeSide.Buy, quantity, prices[s]);
    }

    /// <summary>The <paramref name="slot"/>-th moment of the session: 09:30 New York plus slot × 390/250 minutes.</summary>
    private static DateTimeOffset TimeOf(DateOnly day, int slot)
    {
        var local = day.ToDateTime(new TimeOnly(9, 30)).AddSeconds(slot * 390.0 * 60 / (FillsPerDay + 1));
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local));
    }

    private static (double Wall, double Cpu) Seconds<T>(Func<T> run, out T result)
    {
        result = default!;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        result = run();
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (wall, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }
}
