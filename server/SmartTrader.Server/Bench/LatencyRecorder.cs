using System.Diagnostics;

namespace SmartTrader.Server.Bench;

/// <summary>Collects every sample (as Stopwatch ticks) so percentiles are exact, not estimated.</summary>
public sealed class LatencyRecorder
{
    private long[] _samples = new long[1 << 16];
    private int _count;

    public int Count => _count;

    public void Record(long elapsedTicks)
    {
        if (_count == _samples.Length) Array.Resize(ref _samples, _samples.Length * 2);
        _samples[_count++] = elapsedTicks;
    }

    /// <summary>Merges recorders that were filled by separate threads (each recorder is single-threaded).</summary>
    public static LatencySummary Summarize(IEnumerable<LatencyRecorder> recorders)
    {
        var all = recorders.SelectMany(r => r._samples.Take(r._count)).ToArray();
        Array.Sort(all);
        return new LatencySummary(
            all.Length,
            Percentile(all, 0.50),
            Percentile(all, 0.90),
            Percentile(all, 0.99),
            all.Length == 0 ? 0 : ToMicroseconds(all[^1]));
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : ToMicroseconds(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)]);

    public static double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}

public sealed record LatencySummary(int Count, double P50Micros, double P90Micros, double P99Micros, double MaxMicros);
