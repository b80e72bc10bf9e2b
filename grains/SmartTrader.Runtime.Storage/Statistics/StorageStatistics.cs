namespace SmartTrader.Runtime.Storage.Statistics;

/// <summary>A snapshot of one provider's group-commit writer since it started.</summary>
/// <param name="CommitSeconds">
/// Wall-clock time the writer spent committing batches, waiting for the database's flush included. The writer commits
/// one batch at a time, so its growth over a window, divided by the window, is the share of it the writer was busy:
/// near 1, writes wait behind one another.
/// </param>
public sealed record StorageStatistics(
    string Provider, long Batches, long Rows, long Conflicts, long FailedBatches, int LargestBatch, double CommitSeconds)
{
    /// <summary>Operations per committed transaction: 1 means no grouping happened.</summary>
    public double RowsPerBatch => Batches == 0 ? 0 : (double)Rows / Batches;
}
