using SmartTrader.Compliance;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Margin;
using SmartTrader.Compliance.TaxLots;
using System.Collections.Frozen;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Server.Bench;

/// <summary>The shipped pre-trade workflow on one passing order, and the gate under load while versions are activated.</summary>
public static class PreTradeRulesBench
{
    public sealed record ActivationFigures(
        long Evaluations, double Seconds, double TargetPerSecond, double SlowestSecondPerSecond, double Slowest100msWindowPerSecond, int Activations,
        double SlowestActivationSeconds, long Failed, long Mixed);

    /// <summary>An order, account and limits that pass every shipped rule.</summary>
    public static object?[] PassingInputs() =>
    [
        new OrderFacts("AAPL", "Buy", "Limit", "Day", 10m, 100.05m, 100.05m, 1_000.50m, 1_000.50m, IncreasesExposure: true),
        new AccountFacts("Cash", 100_000m, 100_000m, 100_000m, 0m, 100_000m, 0m, 0),
        new PositionFacts("AAPL", 0m, 0m, 0m, 0m),
        new QuoteFacts(true, 99.98m, 100.02m, 100m, DateTimeOffset.UnixEpoch),
        new RiskLimits(100m, 1_000_000m, 10m, 1_000m, 1_000_000m, 25m, new[] { "BAC" }.ToFrozenSet(), 10, 1_000m),
        .. ComplianceFacts(),
    ];

    /// <summary>Day-trading and margin facts of the same order, for a cash account with no history.</summary>
    private static object[] ComplianceFacts()
    {
        var account = new ComplianceAccount("bench", "bench", AccountKind.Cash, 100_000m);
        var order = new ProposedOrder(new DateTimeOffset(2026, 1, 5, 15, 0, 0, TimeSpan.Zero), "bench", "AAPL", TradeSide.Buy, 10m, 100.05m);
        return
        [
            new DayTradingFactsBuilder(DayTradingSettings.Default).Build(account, new DayTradeLedger("bench"), order),
            new IntradayMarginCalculator(MaintenanceMarginOptions.Finra).Build(account, new MarginAccountState(100_000m, []), order),
            WashSaleFacts.None,
        ];
    }

    public static CompiledWorkflow CompileShipped(RulesCompiler compiler) =>
        compiler.Compile(ShippedRulesets.PreTradeWorkflows(), PreTradeRuleset.Name, PreTradeRuleset.Inputs);

    /// <summary>
    /// Evaluates through the silo's <see cref="ActiveRulesets"/> at a paced rate on every core while another thread
    /// publishes <paramref name="activations"/> new versions. Each version carries a marker rule whose message is its
    /// own version number, so an evaluation that mixed two versions shows.
    /// </summary>
    public static ActivationFigures UnderActivation(double targetPerSecond, TimeSpan duration, int activations)
    {
        var rulesets = new ActiveRulesets(new RulesCompiler(), NullLogger<ActiveRulesets>.Instance);
        foreach (var name in ShippedRulesets.InjectedIntoPreTrade)
            rulesets.Publish(new ActiveRuleset(name, 1, $"bench-{name}", ShippedRulesets.Find(name)!.Content));
        rulesets.Publish(Version(1));
        var inputs = PassingInputs();
        var (order, account, position, quote, limits) =
            ((OrderFacts)inputs[0]!, (AccountFacts)inputs[1]!, (PositionFacts)inputs[2]!, (QuoteFacts)inputs[3]!, (RiskLimits)inputs[4]!);
        var (dayTrading, margin, washSale) = ((DayTradingFacts)inputs[5]!, (MarginFacts)inputs[6]!, (WashSaleFacts)inputs[7]!);
        var threads = Environment.ProcessorCount;
        var windowTicks = Stopwatch.Frequency / 10;
        var windows = new long[(int)(duration.TotalSeconds * 10) + 1];
        long failed = 0, mixed = 0, evaluations = 0;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            var perThreadInterval = Stopwatch.Frequency * threads / targetPerSecond;
            var next = (double)Stopwatch.GetTimestamp();
            long done = 0;
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= end) break;
                if (now < next) { Thread.SpinWait(20); continue; }
                next += perThreadInterval;
                try
                {
                    var gate = rulesets.PreTrade!;
                    var verdict = gate.Evaluate(order, account, position, quote, limits, dayTrading, margin, washSale);
                    var marker = verdict.Failures.SingleOrDefault(f => f.RuleName == MarkerRule);
                    if (verdict.Failures.Count != 1 || marker?.Message != $"v{gate.Version.Version}") Interlocked.Increment(ref mixed);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
                done++;
                Interlocked.Increment(ref windows[Math.Min(windows.Length - 1, (int)((now - started) / windowTicks))]);
            }
            Interlocked.Add(ref evaluations, done);
        }) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());

        var slowestActivation = 0.0;
        for (var v = 2; v <= activations + 1; v++)
        {
            Thread.Sleep(duration / (activations + 1));
            var publishing = Stopwatch.GetTimestamp();
            rulesets.Publish(Version(v));
            slowestActivation = Math.Max(slowestActivation, Stopwatch.GetElapsedTime(publishing).TotalSeconds);
            if (rulesets.PreTrade!.Version.Version != v) throw new InvalidOperationException($"Version {v} did not become active.");
        }
        workers.ForEach(w => w.Join());
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var fullWindows = windows.Take(windows.Length - 1).ToArray();
        var slowestSecond = fullWindows.Chunk(10).Where(c => c.Length == 10).Min(c => c.Sum());
        return new ActivationFigures(evaluations, seconds, targetPerSecond, slowestSecond, fullWindows.Min() * 10.0, activations, slowestActivation, failed, mixed);
    }

    private const string MarkerRule = "VersionMarker";

    private static ActiveRuleset Version(int version)
    {
        var workflows = RulesDocument.Parse(ShippedRulesets.PreTrade).ToList();
        workflows.Single(w => w.WorkflowName == PreTradeRuleset.Name).Rules.Add(new Rule
        {
            RuleName = MarkerRule,
            Expression = "false",
            ErrorMessage = $"v{version}",
            Properties = new() { [RuleProperties.SeverityKey] = System.Text.Json.JsonSerializer.SerializeToElement("Info") },
        });
        var content = RulesDocument.Serialize(workflows);
        return new ActiveRuleset(PreTradeRuleset.Name, version, $"bench-{version}", content);
    }
}
