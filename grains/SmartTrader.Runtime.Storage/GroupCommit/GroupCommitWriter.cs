using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmartTrader.Runtime.Storage.Statistics;

namespace SmartTrader.Runtime.Storage.GroupCommit;

/// <summary>
/// Queues writes from many callers and commits them in batches: each turn takes everything pending (up to the batch
/// limit) and commits it in one transaction. Nothing waits for a batch to fill: an idle queue commits the next write
/// at once, and batches grow only while commits are in flight.
/// <list type="bullet">
/// <item>An executor that blocks its thread (SQLite: one writer per database) commits one batch at a time on a thread
/// of its own: resumed from the thread pool, each batch waited in the same queue as the requests it was to acknowledge
/// (about 10% of SQLite order throughput).</item>
/// <item>An asynchronous executor stays on the pool and may have <see cref="IWriteBatchExecutor.MaxBatchesInFlight"/>
/// batches committing at once (PostgreSQL: each on its own connection, their flushes shared by the server). A write
/// to a key that a batch in flight writes waits for that batch, and so does everything queued behind it, so writes
/// still apply in the order they were queued wherever their keys meet.</item>
/// </list>
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
    private readonly List<BatchInFlight> _inFlight = [];
    /// <summary>Taken from the queue but not yet batched: a batch in flight writes its key.</summary>
    private WriteOperation? _held;

    public GroupCommitWriter(IWriteBatchExecutor executor, int maxBatchSize, StorageMetrics metrics, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(executor.MaxBatchesInFlight, 1);
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
        while (_held is not null || await _queue.Reader.WaitToReadAsync())
        {
            _inFlight.RemoveAll(b => b.Commit.IsCompleted);
            var blocking = _held is { } held ? _inFlight.Find(b => b.Writes(held)) : null;
            if (blocking is not null || _inFlight.Count >= _executor.MaxBatchesInFlight)
            {
                // WhenAny, never the task itself: a commit that faulted must not end the loop.
                await (blocking is not null ? Task.WhenAny(blocking.Commit) : Task.WhenAny(_inFlight.Select(b => b.Commit)));
                continue;
            }
            var batch = TakePending();
            if (batch.Count > 0) _inFlight.Add(new BatchInFlight(batch, CommitBatchAsync(batch)));
        }
        await Task.WhenAll(_inFlight.Select(b => b.Commit));
    }

    private void RunOnOwnThread()
    {
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            var batch = TakePending();
            if (batch.Count > 0) CommitBatchAsync(batch).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Takes pending operations in queue order, up to the batch limit. Stops at one whose key a batch in flight
    /// writes, and holds it for a later turn; drops the ones whose callers gave up.
    /// </summary>
    private List<WriteOperation> TakePending()
    {
        var batch = new List<WriteOperation>();
        while (batch.Count < _maxBatchSize)
        {
            var operation = _held ?? (_queue.Reader.TryRead(out var next) ? next : null);
            _held = null;
            if (operation is null) break;
            if (operation.CancellationToken.IsCancellationRequested)
            {
                operation.Cancel();
                continue;
            }
            if (_inFlight.Exists(b => b.Writes(operation)))
            {
                _held = operation;
                break;
            }
            batch.Add(operation);
        }
        return batch;
    }

    /// <summary>
    /// Commits the batch. Whatever goes wrong outside the executor (a logger or metrics sink that throws) fails this
    /// batch's callers rather than ending the loop, which would leave every later write waiting for ever.
    /// </summary>
    private async Task CommitBatchAsync(List<WriteOperation> batch)
    {
        try
        {
            await CommitAsync(batch);
        }
        catch (Exception exception)
        {
            FailAll(batch, exception);
        }
    }

    private async Task CommitAsync(IReadOnlyList<WriteOperation> batch)
    {
        foreach (var operation in batch) operation.ResetOutcome();
        switch (await ExecuteAsync(batch))
        {
            case null:
                break;
            case var exception when batch.Count > 1 && _executor.MayBeCausedByOneOperation(exception):
                _logger.LogWarning(exception, "A batch of {Count} writes failed; retrying each alone to isolate the cause", batch.Count);
                _metrics.BatchFailed();
                foreach (var operation in batch) await CommitAsync([operation]);
                return;
            case var exception:
                _logger.LogError(exception, "A batch of {Count} writes could not be committed", batch.Count);
                _metrics.BatchFailed();
                FailAll(batch, exception);
                return;
        }

        _metrics.BatchCommitted(batch.Count, batch.Count(operation => operation.Conflicted));
        foreach (var operation in batch) operation.Complete();
    }

    /// <summary>Runs one commit attempt and counts its time; returns what it failed with, or null.</summary>
    private async Task<Exception?> ExecuteAsync(IReadOnlyList<WriteOperation> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _executor.ExecuteAsync(batch, CancellationToken.None);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
        finally
        {
            _metrics.Committing(Stopwatch.GetElapsedTime(started));
        }
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

    /// <summary>A batch being committed, and the keys it writes (its operations' and their records').</summary>
    private sealed class BatchInFlight(List<WriteOperation> batch, Task commit)
    {
        private readonly HashSet<GrainStateKey> _keys = [.. batch.Select(o => o.Key).Concat(batch.SelectMany(o => o.Records.Select(r => r.Key)))];

        public Task Commit { get; } = commit;

        public bool Writes(WriteOperation operation) =>
            _keys.Contains(operation.Key) || operation.Records.Any(r => _keys.Contains(r.Key));
    }
}
