using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SmartTrader.Runtime.Storage.Statistics;

/// <summary>
/// Counts one provider's group commits, both for <see cref="Snapshot"/> and as System.Diagnostics.Metrics instruments
/// on the meter <see cref="MeterName"/>, tagged with the provider name.
/// </summary>
internal sealed class StorageMetrics(string provider)
{
    public const string MeterName = "SmartTrader.Runtime.Storage";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> BatchCounter = Meter.CreateCounter<long>("smarttrader.storage.batches", description: "Transactions committed by the group-commit writer");
    private static readonly Counter<long> RowCounter = Meter.CreateCounter<long>("smarttrader.storage.rows", description: "Writes and clears executed in committed transactions");
    private static readonly Counter<long> ConflictCounter = Meter.CreateCounter<long>("smarttrader.storage.conflicts", description: "Writes rejected for a stale etag");
    private static readonly Counter<long> FailedBatchCounter = Meter.CreateCounter<long>("smarttrader.storage.failed_batches", description: "Transactions that could not be committed");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("smarttrader.storage.batch_size", description: "Operations per committed transaction");
    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "smarttrader.storage.commit_duration", unit: "s", description: "Time the writer took to commit one batch, the database's flush included");

    private readonly KeyValuePair<string, object?> _tag = new("provider", provider);
    private long _batches;
    private long _rows;
    private long _conflicts;
    private long _failedBatches;
    private int _largestBatch;
    private long _commitTicks;

    public void BatchCommitted(int rows, int conflicts)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _conflicts, conflicts);
        int largest;
        while (rows > (largest = Volatile.Read(ref _largestBatch)) && Interlocked.CompareExchange(ref _largestBatch, rows, largest) != largest) { }

        Publish(() =>
        {
            BatchCounter.Add(1, _tag);
            RowCounter.Add(rows, _tag);
            if (conflicts > 0) ConflictCounter.Add(conflicts, _tag);
            BatchSize.Record(rows, _tag);
        });
    }

    /// <summary>One commit attempt took this long, whether it succeeded or not.</summary>
    public void Committing(TimeSpan elapsed)
    {
        Interlocked.Add(ref _commitTicks, elapsed.Ticks);
        Publish(() => CommitDuration.Record(elapsed.TotalSeconds, _tag));
    }

    public void BatchFailed()
    {
        Interlocked.Increment(ref _failedBatches);
        Publish(() => FailedBatchCounter.Add(1, _tag));
    }

    /// <summary>
    /// Instruments call their listeners in line. One that throws must not make the writer report a committed batch as
    /// failed, so its failure stops here.
    /// </summary>
    private static void Publish(Action record)
    {
        try
        {
            record();
        }
        catch (Exception)
        {
            // The snapshot counts above are already updated; only that listener misses the measurement.
        }
    }

    public StorageStatistics Snapshot() => new(
        provider, Interlocked.Read(ref _batches), Interlocked.Read(ref _rows), Interlocked.Read(ref _conflicts),
        Interlocked.Read(ref _failedBatches), Volatile.Read(ref _largestBatch),
        TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks)).TotalSeconds);
}
