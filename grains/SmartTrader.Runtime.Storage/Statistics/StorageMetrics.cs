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

        Add(BatchCounter, 1);
        Add(RowCounter, rows);
        if (conflicts > 0) Add(ConflictCounter, conflicts);
        Record(BatchSize, rows);
    }

    /// <summary>One commit attempt took this long, whether it succeeded or not.</summary>
    public void Committing(TimeSpan elapsed)
    {
        Interlocked.Add(ref _commitTicks, elapsed.Ticks);
        Record(CommitDuration, elapsed.TotalSeconds);
    }

    public void BatchFailed()
    {
        Interlocked.Increment(ref _failedBatches);
        Add(FailedBatchCounter, 1);
    }

    // Instruments call their listeners in line. A listener that throws must not make the writer report a committed
    // batch as failed: the measurement is lost (for the listeners after it too), the snapshot's counts are not.
    private void Add(Counter<long> counter, long value)
    {
        try
        {
            counter.Add(value, _tag);
        }
        catch (Exception)
        {
        }
    }

    private void Record<T>(Histogram<T> histogram, T value) where T : struct
    {
        try
        {
            histogram.Record(value, _tag);
        }
        catch (Exception)
        {
        }
    }

    public StorageStatistics Snapshot() => new(
        provider, Interlocked.Read(ref _batches), Interlocked.Read(ref _rows), Interlocked.Read(ref _conflicts),
        Interlocked.Read(ref _failedBatches), Volatile.Read(ref _largestBatch),
        TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks)).TotalSeconds);
}
