namespace SmartTrader.Server.Bench;

/// <summary>
/// What the servers under test spent, read before and after a measured phase: the CPU time of their processes (all
/// threads: requests, garbage collection, JIT, and background work such as the market feed and heartbeats) and the
/// grain calls they sent to other silos (none for a single silo).
/// </summary>
public sealed record ServerUsage(double CpuSeconds, long RemoteCalls, IReadOnlyDictionary<string, long> RemoteCallsByMethod)
{
    public static ServerUsage Between(ServerUsage before, ServerUsage after) =>
        new(after.CpuSeconds - before.CpuSeconds, after.RemoteCalls - before.RemoteCalls,
            after.RemoteCallsByMethod
                .Select(m => (m.Key, Calls: m.Value - before.RemoteCallsByMethod.GetValueOrDefault(m.Key)))
                .Where(m => m.Calls > 0)
                .OrderByDescending(m => m.Calls)
                .ToDictionary(m => m.Key, m => m.Calls, StringComparer.Ordinal));

    /// <summary>The remote calls per order, by method, most frequent first, as "Method 1.23".</summary>
    public string PerOrderByMethod(long orders) =>
        orders == 0 ? "" : string.Join(' ', RemoteCallsByMethod.Select(m => $"{m.Key}:{(double)m.Value / orders:N2}"));
}
