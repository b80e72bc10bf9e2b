using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmartTrader.Runtime.Storage.Statistics;

namespace SmartTrader.Runtime.Storage.GroupCommit;

/// <summary>
/// Queues writes from many callers and commits them with a single writer loop: each turn takes everything pending
/// (up to the batch limit) and commits it in one transaction. Nothing waits for a batch to fill: an idle queue
/// commits the next write at once, and batches grow only while a commit is in flight. A writer whose executor blocks
/// its thread gets a thread of its own: resumed from the thread pool, each batch waited in the same queue as the
/// requests it was to acknowledge (about 10% of SQLite order throughput). An asynchronous executor stays on the pool.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly IWriteBatchExecutor _executor;
    private readonly int _maxBatchSize;
    private readonly StorageMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public GroupCommitWriter(IWriteBatchExecutor executor, int maxBatchSize, StorageMetrics metrics, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _executor = executor;
        _maxBatchSize = maxBatchSize;
        _metrics = metrics;
        _logger = logger;
        _loop = executor.BlocksThread
            ? Task.Factory.StartNew(RunOnOwnThread, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.Run(RunAsync);
    }

    /// <summary>Queues the operation; the task completes with the new version once committed.</summary>
    public Task<long> EnqueueAsync(WriteOperation operation)
    {
        if (!_queue.Writer.TryWrite(operation))
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The grain storage is shut down.");
        return operation.Completion;
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync()) await CommitPendingAsync(batch);
    }

    private void RunOnOwnThread()
    {
        var batch = new List<WriteOperation>(_maxBatchSize);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) CommitPendingAsync(batch).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Takes everything pending, up to the batch limit, and commits it. Whatever goes wrong outside the executor (a
    /// logger or metrics sink that throws) fails this batch's callers rather than ending the loop, which would leave
    /// every later write waiting for ever.
    /// </summary>
    private async Task CommitPendingAsync(List<WriteOperation> batch)
    {
        try
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var operation))
            {
                if (operation.CancellationToken.IsCancellationRequested) operation.Cancel();
                else batch.Add(operation);
            }
            if (batch.Count > 0) await CommitAsync(batch);
        }
        catch (Exception exception)
        {
            FailAll(batch, exception);
        }
        finally
        {
            batch.Clear();
        }
    }

    private async Task CommitAsync(IReadOnlyList<WriteOperation> batch)
    {
        try
        {
            foreach (var operation in batch) operation.ResetOutcome();
            await _executor.ExecuteAsync(batch, CancellationToken.None);
        }
        catch (Exception exception) when (batch.Count > 1 && _executor.MayBeCausedByOneOperation(exception))
        {
            _logger.LogWarning(exception, "A batch of {Count} writes failed; retrying each alone to isolate the cause", batch.Count);
            _metrics.BatchFailed();
            foreach (var operation in batch) await CommitAsync([operation]);
            return;
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "A batch of {Count} writes could not be committed", batch.Count);
            _metrics.BatchFailed();
            FailAll(batch, exception);
            return;
        }

        _metrics.BatchCommitted(batch.Count, batch.Count(operation => operation.Conflicted));
        foreach (var operation in batch) operation.Complete();
    }

    private void FailAll(IReadOnlyList<WriteOperation> batch, Exception exception)
    {
        foreach (var operation in batch)
        {
            operation.Fail(new GrainStorageException(
                $"Grain storage ({_executor.ProviderName}) could not commit the write to '{operation.Key}': {exception.Message}", exception));
        }
    }

    /// <summary>Stops accepting writes and returns once everything already queued is committed (or failed).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
