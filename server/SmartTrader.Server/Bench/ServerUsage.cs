namespace SmartTrader.Server.Bench;

/// <summary>
/// What the servers under test spent, as each reports of itself on GET /api/cluster, summed over the servers and read
/// before and after a measured phase: the CPU time of their processes (all threads: requests, garbage collection, JIT,
/// and background work such as the market feed and heartbeats), the bytes they allocated and the collections and pauses
/// that cost, the transactions their grain storage writers committed, and the grain calls they sent to other silos
/// (none for a single silo).
/// </summary>
public sealed record ServerUsage(
    double CpuSeconds, long AllocatedBytes, GcCounts Collections, double GcPauseSeconds, StorageCommits Commits, long RemoteCalls,
    IReadOnlyDictionary<string, long> RemoteCallsByMethod)
{
    public static readonly ServerUsage None = new(0, 0, GcCounts.None, 0, StorageCommits.None, 0, new Dictionary<string, long>(StringComparer.Ordinal));

    public static ServerUsage Between(ServerUsage before, ServerUsage after) =>
        new(after.CpuSeconds - before.CpuSeconds, after.AllocatedBytes - before.AllocatedBytes,
            after.Collections - before.Collections, after.GcPauseSeconds - before.GcPauseSeconds,
            after.Commits - before.Commits, after.RemoteCalls - before.RemoteCalls,
            after.RemoteCallsByMethod
                .Select(m => (m.Key, Calls: m.Value - before.RemoteCallsByMethod.GetValueOrDefault(m.Key)))
                .Where(m => m.Calls > 0)
                .OrderByDescending(m => m.Calls)
                .ToDictionary(m => m.Key, m => m.Calls, StringComparer.Ordinal));

    /// <summary>The remote calls per order, by method, most frequent first, as "Method 1.23".</summary>
    public string PerOrderByMethod(long orders) =>
        orders == 0 ? "" : string.Join(' ', RemoteCallsByMethod.Select(m => $"{m.Key}:{(double)m.Value / orders:N2}"));
}

/// <summary>Garbage collections by generation (a gen 1 collection also collects gen 0, and is counted in both).</summary>
public sealed record GcCounts(long Gen0, long Gen1, long Gen2)
{
    public static readonly GcCounts None = new(0, 0, 0);

    public static GcCounts operator +(GcCounts a, GcCounts b) => new(a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2);

    public static GcCounts operator -(GcCounts a, GcCounts b) => new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2);

    /// <summary>Collections per thousand orders, as "gen0/gen1/gen2".</summary>
    public string PerThousand(long orders) =>
        orders == 0 ? "" : FormattableString.Invariant($"{Gen0 * 1000.0 / orders:F2}/{Gen1 * 1000.0 / orders:F2}/{Gen2 * 1000.0 / orders:F2}");
}

/// <summary>Transactions the grain storage writers committed, the writes in them, and the time spent committing.</summary>
public sealed record StorageCommits(long Batches, long Rows, double CommitSeconds)
{
    public static readonly StorageCommits None = new(0, 0, 0);

    public double RowsPerBatch => Batches == 0 ? 0 : (double)Rows / Batches;

    public static StorageCommits operator +(StorageCommits a, StorageCommits b) =>
        new(a.Batches + b.Batches, a.Rows + b.Rows, a.CommitSeconds + b.CommitSeconds);

    public static StorageCommits operator -(StorageCommits a, StorageCommits b) =>
        new(a.Batches - b.Batches, a.Rows - b.Rows, a.CommitSeconds - b.CommitSeconds);
}
