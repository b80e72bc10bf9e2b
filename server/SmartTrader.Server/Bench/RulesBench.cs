using System.Diagnostics;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;

namespace SmartTrader.Server.Bench;

/// <summary>Compile and evaluation figures of the rules engine on generated workflows.</summary>
public static class RulesBench
{
    public static readonly RuleInput[] Inputs = [new("order", typeof(BenchOrder)), new("account", typeof(BenchAccount))];

    public sealed record EvaluationFigures(double FastP50Micros, double FastP99Micros, double FastAllocatedBytes, double FullP50Micros, double FullAllocatedBytes);

    /// <summary>Compiles a <paramref name="rules"/>-rule workflow of content never seen before; seconds taken.</summary>
    public static double CompileSeconds(RulesCompiler compiler, int rules, int salt) => Compile(compiler, rules, salt).Seconds;

    /// <summary>
    /// Compiles a <paramref name="rules"/>-rule workflow of content never seen before: the seconds taken, and the CPU
    /// seconds the whole process spent meanwhile (every thread: the compile's own, the JIT's, the collector's).
    /// </summary>
    public static (double Seconds, double CpuSeconds) Compile(RulesCompiler compiler, int rules, int salt)
    {
        var workflows = RulesDocument.Parse(SyntheticRules.Workflow("bench", rules, salt));
        var cpuBefore = ProcessCpu();
        var started = Stopwatch.GetTimestamp();
        compiler.Compile(workflows, "bench", Inputs);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (seconds, (ProcessCpu() - cpuBefore).TotalSeconds);
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public static EvaluationFigures Evaluate(CompiledWorkflow workflow, int batches, int batchSize)
    {
        object?[] inputs = [SyntheticRules.Order, SyntheticRules.Account];
        if (!workflow.Evaluate(inputs).AllPassed) throw new InvalidOperationException("The bench inputs must pass every rule.");
        var fast = Batches(() => workflow.Evaluate(inputs), batches, batchSize);
        var full = Batches(() => workflow.Execute(inputs), Math.Max(10, batches / 10), batchSize);
        return new EvaluationFigures(fast.P50, fast.P99, fast.Allocated, full.P50, full.Allocated);
    }

    /// <summary>
    /// Times <paramref name="batches"/> batches of <paramref name="size"/> calls, so the clock's own cost (tens of
    /// nanoseconds) does not swamp sub-microsecond calls; percentiles are of per-call batch means.
    /// </summary>
    public static (double P50, double P99, double Allocated) Batches<T>(Func<T> call, int batches, int size)
    {
        // Warm-up by time: generated rule methods start in the JIT's first tier and are promoted after use.
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 2;
        while (Stopwatch.GetTimestamp() < warmUntil) for (var i = 0; i < size; i++) call();
        var means = new double[batches];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var b = 0; b < batches; b++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < size; i++) call();
            means[b] = LatencyRecorder.ToMicroseconds(Stopwatch.GetTimestamp() - started) / size;
        }
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)((long)batches * size);
        Array.Sort(means);
        return (means[batches / 2], means[Math.Min(batches - 1, (int)Math.Ceiling(batches * 0.99) - 1)], allocated);
    }
}
