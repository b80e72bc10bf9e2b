namespace SmartTrader.Runtime.Storage.Statistics;

/// <summary>A snapshot of one provider's group-commit writer since it started.</summary>
/// <param name="CommitSeconds">
/// Wall-clock time spent committing batches, waiting for the database's flush included, summed over the batches in
/// flight at once. Its growth over a window, divided by the window, is how busy the writer was: near its number of
/// batches in flight (1 for SQLite, <c>MaxBatchesInFlight</c> for PostgreSQL), writes wait behind one another.
/// </param>
public sealed record StorageStatistics(
    string Provider, long Batches, long Rows, long Conflicts, long FailedBatches, int LargestBatch, double CommitSeconds)
{
    /// <summary>Operations per committed transaction: 1 means no grouping happened.</summary>
    public double RowsPerBatch => Batches == 0 ? 0 : (double)Rows / Batches;
}
