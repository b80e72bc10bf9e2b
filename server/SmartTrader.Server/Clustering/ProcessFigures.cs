using System.Diagnostics;

namespace SmartTrader.Server.Clustering;

/// <summary>
/// What this silo's process has spent since it started: CPU time (every thread), bytes allocated on the managed heap,
/// garbage collections by generation, and the time the runtime paused threads to collect. Differences between two
/// reads give the cost of the work done in between, whatever else shares the machine.
/// </summary>
public sealed record ProcessFigures(
    double CpuSeconds, long AllocatedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections, double GcPauseSeconds, long HeapBytes)
{
    public static ProcessFigures Read()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessFigures(
            process.TotalProcessorTime.TotalSeconds, GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalPauseDuration().TotalSeconds, GC.GetGCMemoryInfo().HeapSizeBytes);
    }
}
