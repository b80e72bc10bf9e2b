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
        var compileOnly = new Option<bool>("--compile-only") { Description = "Compile once and print the seconds (used for the fresh-process figure).", Hidden = true };
        var command = new Command("rules", "Rules engine: compile time warm and fresh, evaluation time and allocation per call.") { rules, fresh, compileOnly, json };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(rules);
            if (parse.GetValue(compileOnly))
            {
                Console.WriteLine(RulesBench.CompileSeconds(new RulesCompiler(), count, salt: 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            }

            BenchOutput.Progress($"first compile of a {count}-rule workflow in {parse.GetValue(fresh)} fresh processes");
            var freshSeconds = new List<double>();
            for (var i = 0; i < parse.GetValue(fresh); i++) freshSeconds.Add(await FreshCompileSeconds(count, ct));

            BenchOutput.Progress("warm compiles");
            var compiler = new RulesCompiler(new RulesCompilerOptions { CacheCapacity = 8 });
            // Warm means the compiler's own code has been optimised by the JIT's second tier, which takes a few compiles.
            for (var i = 0; i < 6; i++) RulesBench.CompileSeconds(compiler, count, salt: 100 + i);
            var warm = Enumerable.Range(0, 5).Select(i => RulesBench.CompileSeconds(compiler, count, salt: 200 + i)).Order().ToList();

            BenchOutput.Progress("evaluations");
            var large = compiler.Compile(RulesDocument.Parse(SyntheticRules.Workflow("large", count, 7)), "large", RulesBench.Inputs);
            var small = compiler.Compile(RulesDocument.Parse(SyntheticRules.Workflow("small", 12, 7)), "small", RulesBench.Inputs);
            var largeFigures = RulesBench.Evaluate(large, count, batches: 400, batchSize: 50);
            var smallFigures = RulesBench.Evaluate(small, 12, batches: 2000, batchSize: 1000);

            BenchOutput.Write(parse.GetValue(json), $"rules engine ({count}-rule and 12-rule generated workflows)",
            [
                ("rules", count),
                ("compileFreshProcessSecondsMedian", freshSeconds.Order().ElementAt(freshSeconds.Count / 2)),
                ("compileFreshProcessSecondsMax", freshSeconds.Max()),
                ("compileWarmSecondsMedian", warm[warm.Count / 2]),
                ("compileWarmSecondsMax", warm[^1]),
                ("largeFastP50Micros", largeFigures.FastP50Micros), ("largeFastP99Micros", largeFigures.FastP99Micros),
                ("largeFastAllocatedBytes", largeFigures.FastAllocatedBytes), ("largeFullP50Micros", largeFigures.FullP50Micros),
                ("smallFastP50Micros", smallFigures.FastP50Micros), ("smallFastAllocatedBytes", smallFigures.FastAllocatedBytes),
                ("smallFullP50Micros", smallFigures.FullP50Micros), ("smallFullAllocatedBytes", smallFigures.FullAllocatedBytes),
            ]);
            return 0;
        });
        return command;
    }

    private static async Task<double> FreshCompileSeconds(int rules, CancellationToken ct)
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
        return double.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
