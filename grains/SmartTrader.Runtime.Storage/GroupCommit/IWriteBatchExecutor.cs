namespace SmartTrader.Runtime.Storage.GroupCommit;

/// <summary>Executes a batch of writes in one transaction against one store.</summary>
internal interface IWriteBatchExecutor
{
    string ProviderName { get; }

    /// <summary>True when executing a batch blocks the calling thread (no asynchronous I/O underneath).</summary>
    bool BlocksThread { get; }

    /// <summary>
    /// How many batches may be committing at once, each in its own transaction; 1 for a store with a single writer.
    /// Ignored when <see cref="BlocksThread"/>: such an executor commits one batch at a time.
    /// </summary>
    int MaxBatchesInFlight { get; }

    /// <summary>
    /// Applies every operation in one transaction, in order for operations on the same key, and records each one's
    /// conflict on it. Returns once committed; throws if the transaction rolled back (nothing was applied).
    /// </summary>
    Task ExecuteAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken);

    /// <summary>True when the failure may come from one operation's data, so retrying each alone isolates it.</summary>
    bool MayBeCausedByOneOperation(Exception exception);
}
