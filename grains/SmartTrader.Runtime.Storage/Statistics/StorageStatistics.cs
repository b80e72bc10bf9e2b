namespace SmartTrader.Runtime.Storage.Statistics;

/// <summary>A snapshot of one provider's group-commit writer since it started.</summary>
public sealed record StorageStatistics(long Batches, long Rows, long Conflicts, long FailedBatches, int LargestBatch)
{
    /// <summary>Operations per committed transaction: 1 means no grouping happened.</summary>
    public double RowsPerBatch => Batches == 0 ? 0 : (double)Rows / Batches;
}
