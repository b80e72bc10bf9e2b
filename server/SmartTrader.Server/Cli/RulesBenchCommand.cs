using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Server.Bench;

namespace SmartTrader.Server.Cli;

/// <summary>`bench rules`: compile time (warm and in a fresh process) and evaluation cost of the rules engine.</summary>
internal static class RulesBenchCommand
{
    public static Command Create(Option<bool> json)
    {
        var rules = new Option<int>("--rules") { Description = "Rules in the large generated workflow.", DefaultValueFactory = _ => 1000 };
        var fresh = new Option<int>("--fresh-runs") { Description = "Fresh processes to time a first compile in.", DefaultValueFactory = _ => 3 };
        var rate = new Option<double>("--gate-rate") { Description = "Evaluations per second through the gate during activations.", DefaultValueFactory = _ => 12_000 };
        var seconds = new Option<int>("--gate-seconds") { Description = "Seconds the gate is driven.", DefaultValueFactory = _ => 10 };
        var activations = new Option<int>("--gate-activations") { Description = "New versions activated while the gate is driven.", DefaultValueFactory = _ => 5 };
        var warmCompiles = new Option<int>("--warm-compiles") { Description = "Compiles that warm the compiler before the warm figure is taken.", DefaultValueFactory = _ => 48 };
        var compileOnly = new Option<bool>("--compile-only") { Description = "Compile once and print the seconds and CPU seconds (used for the fresh-process figure).", Hidden = true };
        var command = new Command("rules", "Rules engine: compile time warm and fresh, evaluation time and allocation per call.") { rules, fresh, warmCompiles, rate, seconds, activations, compileOnly, json };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(rules);
            if (parse.GetValue(compileOnly))
            {
                var (seconds, cpuSeconds) = RulesBench.Compile(new RulesCompiler(), count, salt: 1);
                Console.WriteLine(FormattableString.Invariant($"{seconds} {cpuSeconds}"));
                return 0;
            }

            BenchOutput.Progress($"first compile of a {count}-rule workflow in {parse.GetValue(fresh)} fresh processes");
            var freshSeconds = new List<double>();
            var freshCpuSeconds = new List<double>();
            for (var i = 0; i < parse.GetValue(fresh); i++)
            {
                var (seconds, cpuSeconds) = await FreshCompile(count, ct);
                freshSeconds.Add(seconds);
                freshCpuSeconds.Add(cpuSeconds);
            }

            BenchOutput.Progress("warm compiles");
            var compiler = new RulesCompiler(new RulesCompilerOptions { CacheCapacity = 8 });
            // Warm means the compiler's own code has reached the JIT's final tier. Precompiled (published) code gets there
            // through an instrumented tier, after three to four dozen compiles; JIT-compiled code after about two dozen.
            for (var i = 0; i < parse.GetValue(warmCompiles); i++) RulesBench.CompileSeconds(compiler, count, salt: 100 + i);
            var warm = Enumerable.Range(0, 5).Select(i => RulesBench.CompileSeconds(compiler, count, salt: 200 + i)).Order().ToList();

            BenchOutput.Progress("evaluations");
            var large = compiler.Compile(RulesDocument.Parse(SyntheticRules.Workflow("large", count, 7)), "large", RulesBench.Inputs);
            var small = compiler.Compile(RulesDocument.Parse(SyntheticRules.Workflow("small", 12, 7)), "small", RulesBench.Inputs);
            var largeFigures = RulesBench.Evaluate(large, batches: 400, batchSize: 50);
            var smallFigures = RulesBench.Evaluate(small, batches: 2000, batchSize: 1000);

            BenchOutput.Progress("shipped pre-trade workflow");
            var shipped = PreTradeRulesBench.CompileShipped(compiler);
            object?[] passing = PreTradeRulesBench.PassingInputs();
            var preTradeFast = RulesBench.Batches(() => shipped.Evaluate(passing), 2000, 1000);
            var preTradeFull = RulesBench.Batches(() => shipped.Execute(passing), 500, 200);

            BenchOutput.Progress($"the gate at {parse.GetValue(rate):N0} evaluations/s while {parse.GetValue(activations)} versions are activated");
            var underActivation = PreTradeRulesBench.UnderActivation(parse.GetValue(rate), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(activations));

            BenchOutput.Write(parse.GetValue(json), $"rules engine (shipped pre-trade workflow of {shipped.RuleCount} rules; {count}-rule and 12-rule generated workflows)",
            [
                ("preTradeRules", shipped.RuleCount),
                ("preTradeFastP50Micros", preTradeFast.P50), ("preTradeFastP99Micros", preTradeFast.P99),
                ("preTradeFastAllocatedBytes", preTradeFast.Allocated),
                ("preTradeFullP50Micros", preTradeFull.P50), ("preTradeFullAllocatedBytes", preTradeFull.Allocated),
                ("gateEvaluations", underActivation.Evaluations), ("gateTargetPerSecond", underActivation.TargetPerSecond),
                ("gateSlowestSecondEvaluations", underActivation.SlowestSecondPerSecond),
                ("gateSlowest100msWindowPerSecond", underActivation.Slowest100msWindowPerSecond),
                ("gateActivations", underActivation.Activations), ("gateSlowestActivationSeconds", underActivation.SlowestActivationSeconds),
                ("gateFailedEvaluations", underActivation.Failed), ("gateMixedVersionEvaluations", underActivation.Mixed),
                ("rules", count),
                ("compileFreshProcessSecondsMedian", freshSeconds.Order().ElementAt(freshSeconds.Count / 2)),
                ("compileFreshProcessSecondsMax", freshSeconds.Max()),
                ("compileFreshProcessCpuSecondsMedian", freshCpuSeconds.Order().ElementAt(freshCpuSeconds.Count / 2)),
                ("compileWarmSecondsMedian", warm[warm.Count / 2]),
                ("compileWarmSecondsMax", warm[^1]),
                ("largeFastP50Micros", largeFigures.FastP50Micros), ("largeFastP99Micros", largeFigures.FastP99Micros),
                ("largeFastAllocatedBytes", largeFigures.FastAllocatedBytes), ("largeFullP50Micros", largeFigures.FullP50Micros),
                ("smallFastP50Micros", smallFigures.FastP50Micros), ("smallFastAllocatedBytes", smallFigures.FastAllocatedBytes),
                ("smallFullP50Micros", smallFigures.FullP50Micros), ("smallFullAllocatedBytes", smallFigures.FullAllocatedBytes),
            ]);
            return underActivation.Failed == 0 && underActivation.Mixed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Seconds and CPU seconds of the first compile in a new process (the binary started again, compiling once).</summary>
    private static async Task<(double Seconds, double CpuSeconds)> FreshCompile(int rules, CancellationToken ct)
    {
        var host = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") arguments.Add(Assembly.GetEntryAssembly()!.Location);
        arguments.AddRange(["bench", "rules", "--compile-only", "--rules", rules.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var start = new ProcessStartInfo(host, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException("The fresh compile failed: " + await process.StandardError.ReadToEndAsync(ct));
        var figures = output.Trim().Split(' ');
        return (double.Parse(figures[0], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(figures[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
