using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrader.Runtime.Storage;
using SmartTrader.Runtime.Storage.GroupCommit;
using SmartTrader.Runtime.Storage.Statistics;

namespace SmartTrader.Runtime.Tests.Storage;

/// <summary>The writer loop's own behaviour, against a scripted executor, on the thread pool and on a thread of its own.</summary>
public sealed class GroupCommitWriterTests
{
    private static WriteOperation Write(string key, CancellationToken cancellationToken = default) =>
        new(WriteKind.Write, new GrainStateKey("T", key, "s"), "{}"u8.ToArray(), null, cancellationToken);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failed_commit_fails_its_callers_with_a_clear_error_and_the_next_batch_commits(bool ownThread)
    {
        var executor = new ScriptedExecutor { BlocksThread = ownThread, FailNext = new TimeoutException("database unreachable") };
        var metrics = new StorageMetrics("test");
        await using var writer = new GroupCommitWriter(executor, 16, metrics, NullLogger.Instance);

        var failed = writer.EnqueueAsync(Write("a"));
        var error = (await failed.Invoking(t => t).Should().ThrowAsync<GrainStorageException>()).Which;
        var recovered = await writer.EnqueueAsync(Write("b"));

        error.Message.Should().Contain("database unreachable").And.Contain("T/a/s");
        error.InnerException.Should().BeOfType<TimeoutException>();
        recovered.Should().Be(1);
        metrics.Snapshot().Should().BeEquivalentTo(
            new { Provider = "test", Batches = 1, Rows = 1, Conflicts = 0, FailedBatches = 1, LargestBatch = 1 });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_time_a_commit_takes_is_counted_whether_it_succeeds_or_fails(bool ownThread)
    {
        var executor = new ScriptedExecutor { BlocksThread = ownThread };
        var metrics = new StorageMetrics("test");
        await using var writer = new GroupCommitWriter(executor, 16, metrics, NullLogger.Instance);
        var held = TimeSpan.FromMilliseconds(300);

        executor.Hold();
        var committed = writer.EnqueueAsync(Write("a"));
        await executor.Started.Task;
        await Task.Delay(held);
        executor.Release();
        await committed;
        var afterSuccess = metrics.Snapshot().CommitSeconds;

        executor.FailNext = new TimeoutException("database unreachable");
        executor.Hold();
        var failed = writer.EnqueueAsync(Write("b"));
        await executor.Started.Task;
        await Task.Delay(held);
        executor.Release();
        await failed.Invoking(t => t).Should().ThrowAsync<GrainStorageException>();

        afterSuccess.Should().BeGreaterThanOrEqualTo(held.TotalSeconds * 0.9);
        (metrics.Snapshot().CommitSeconds - afterSuccess).Should().BeGreaterThanOrEqualTo(held.TotalSeconds * 0.9);
        metrics.Snapshot().Should().BeEquivalentTo(new { Batches = 1, FailedBatches = 1 });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_batch_failing_because_of_one_operation_is_retried_one_by_one(bool ownThread)
    {
        var executor = new ScriptedExecutor { BlocksThread = ownThread, Poison = "bad" };
        await using var writer = new GroupCommitWriter(executor, 16, new StorageMetrics("test"), NullLogger.Instance);
        executor.Hold();
        var blocker = writer.EnqueueAsync(Write("blocker"));
        await executor.Started.Task;

        var writes = new[] { "a", "bad", "c" }.Select(k => writer.EnqueueAsync(Write(k))).ToList();
        executor.Release();

        (await writes[0]).Should().Be(1);
        (await writes[2]).Should().Be(1);
        await writes[1].Invoking(t => t).Should().ThrowAsync<GrainStorageException>();
        await blocker;
        executor.Batches.Should().BeEquivalentTo(
            new[] { ["blocker"], new[] { "a", "bad", "c" }, ["a"], ["bad"], ["c"] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Writes_queued_while_a_commit_is_in_flight_go_together_in_the_next_batch(bool ownThread)
    {
        var executor = new ScriptedExecutor { BlocksThread = ownThread };
        await using var writer = new GroupCommitWriter(executor, 2, new StorageMetrics("test"), NullLogger.Instance);
        executor.Hold();

        var first = writer.EnqueueAsync(Write("first"));
        await executor.Started.Task;
        var rest = Enumerable.Range(0, 5).Select(i => writer.EnqueueAsync(Write($"k{i}"))).ToList();
        executor.Release();
        await Task.WhenAll(rest.Append(first));

        executor.Batches.Should().BeEquivalentTo(
            new[] { ["first"], new[] { "k0", "k1" }, ["k2", "k3"], ["k4"] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task An_executor_that_allows_two_batches_in_flight_commits_the_next_batch_while_the_first_waits()
    {
        var executor = new ScriptedExecutor { MaxBatchesInFlight = 2 };
        await using var writer = new GroupCommitWriter(executor, 16, new StorageMetrics("test"), NullLogger.Instance);
        executor.Hold();
        var first = writer.EnqueueAsync(Write("a"));
        await executor.Started.Task;

        var second = writer.EnqueueAsync(Write("b"));
        var secondStarted = await Eventually(() => executor.Running == 2);
        var third = writer.EnqueueAsync(Write("c"));
        await Task.Delay(200);
        var runningWhileHeld = executor.Running;
        executor.Release();
        await Task.WhenAll(first, second, third);

        secondStarted.Should().BeTrue("the second batch starts while the first is held");
        runningWhileHeld.Should().Be(2, "no more than two batches are in flight");

        // Released together, the batches record themselves in any order.
        executor.Batches.Should().BeEquivalentTo(new[] { ["a"], new[] { "b" }, ["c"] });
        executor.MostRunning.Should().Be(2);
    }

    [Fact]
    public async Task A_write_to_a_key_in_flight_waits_for_that_batch_and_holds_back_the_writes_behind_it()
    {
        var executor = new ScriptedExecutor { MaxBatchesInFlight = 2 };
        await using var writer = new GroupCommitWriter(executor, 16, new StorageMetrics("test"), NullLogger.Instance);
        executor.Hold();
        var first = writer.EnqueueAsync(Write("a"));
        await executor.Started.Task;

        var again = writer.EnqueueAsync(Write("a"));
        var behind = writer.EnqueueAsync(Write("b"));
        await Task.Delay(200);
        var runningWhileHeld = executor.Running;
        executor.Release();
        await Task.WhenAll(first, again, behind);

        runningWhileHeld.Should().Be(1, "the second write to 'a' may not commit beside the first, nor may what is queued after it");

        executor.Batches.Should().BeEquivalentTo(new[] { ["a"], new[] { "a", "b" } }, o => o.WithStrictOrdering());
        executor.MostRunning.Should().Be(1);
    }

    [Fact]
    public async Task A_write_whose_record_a_batch_in_flight_writes_waits_for_that_batch()
    {
        var executor = new ScriptedExecutor { MaxBatchesInFlight = 2 };
        await using var writer = new GroupCommitWriter(executor, 16, new StorageMetrics("test"), NullLogger.Instance);
        var record = new RecordRow(new GrainStateKey("R", "order-1", "s"), "{}"u8.ToArray());
        executor.Hold();
        var first = writer.EnqueueAsync(new WriteOperation(WriteKind.Write, new GrainStateKey("T", "a", "s"), "{}"u8.ToArray(), null, default, [record]));
        await executor.Started.Task;

        var other = writer.EnqueueAsync(new WriteOperation(WriteKind.Write, new GrainStateKey("T", "b", "s"), "{}"u8.ToArray(), null, default, [record]));
        await Task.Delay(200);
        var runningWhileHeld = executor.Running;
        executor.Release();
        await Task.WhenAll(first, other);

        runningWhileHeld.Should().Be(1);

        executor.Batches.Should().BeEquivalentTo(new[] { ["a"], new[] { "b" } }, o => o.WithStrictOrdering());
    }

    /// <summary>Whether the condition came true within 10 s. It does not throw: a held batch must be released first.</summary>
    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(10);
        }
        return true;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_write_cancelled_before_its_batch_starts_is_not_applied(bool ownThread)
    {
        var executor = new ScriptedExecutor { BlocksThread = ownThread };
        await using var writer = new GroupCommitWriter(executor, 16, new StorageMetrics("test"), NullLogger.Instance);
        executor.Hold();
        var blocker = writer.EnqueueAsync(Write("blocker"));
        await executor.Started.Task;
        using var cancellation = new CancellationTokenSource();

        var cancelled = writer.EnqueueAsync(Write("cancelled", cancellation.Token));
        cancellation.Cancel();
        executor.Release();

        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        await blocker;
        executor.Batches.SelectMany(b => b).Should().NotContain("cancelled");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_fault_outside_the_executor_fails_its_batch_and_the_loop_goes_on(bool ownThread)
    {
        var executor = new ScriptedExecutor { BlocksThread = ownThread, FailNext = new TimeoutException("database unreachable") };
        await using var writer = new GroupCommitWriter(executor, 16, new StorageMetrics("test"), new ThrowingOnceLogger());

        var failed = writer.EnqueueAsync(Write("a")).WaitAsync(TimeSpan.FromSeconds(10));
        var error = (await failed.Invoking(t => t).Should().ThrowAsync<GrainStorageException>()).Which;
        var recovered = await writer.EnqueueAsync(Write("b")).WaitAsync(TimeSpan.FromSeconds(10));

        error.Message.Should().Contain("T/a/s").And.Contain("log sink down");
        recovered.Should().Be(1);
    }

    [Fact]
    public async Task A_metrics_listener_that_throws_does_not_fail_a_committed_batch()
    {
        const string provider = "throwing-listener";
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StorageMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        var measured = 0;
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => ThrowFor(tags));
        listener.SetMeasurementEventCallback<int>((_, _, tags, _) => ThrowFor(tags));
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => ThrowFor(tags));
        listener.Start();
        var executor = new ScriptedExecutor();
        var metrics = new StorageMetrics(provider);
        await using var writer = new GroupCommitWriter(executor, 16, metrics, NullLogger.Instance);

        (await writer.EnqueueAsync(Write("a")).WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(1);

        measured.Should().BeGreaterThan(0, "the listener saw the commit and threw");
        metrics.Snapshot().Should().BeEquivalentTo(new { Batches = 1, Rows = 1, FailedBatches = 0 });

        void ThrowFor(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key != "provider" || (string?)tag.Value != provider) continue;
                Interlocked.Increment(ref measured);
                throw new InvalidOperationException("metrics exporter down");
            }
        }
    }

    /// <summary>A log sink that fails the first time it is written to.</summary>
    private sealed class ThrowingOnceLogger : ILogger
    {
        private int _calls;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Interlocked.Increment(ref _calls) == 1) throw new IOException("log sink down");
        }
    }

    private sealed class ScriptedExecutor : IWriteBatchExecutor
    {
        private TaskCompletionSource _gate = Open();

        public Exception? FailNext { get; set; }
        public string? Poison { get; init; }
        public List<string[]> Batches { get; } = [];
        /// <summary>Completes when a commit starts; <see cref="Hold"/> starts waiting for the next one.</summary>
        public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string ProviderName => "scripted";
        public bool BlocksThread { get; init; }
        public int MaxBatchesInFlight { get; init; } = 1;

        public void Hold()
        {
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Release() => _gate.TrySetResult();

        private int _running;

        /// <summary>Batches between the start of their commit and its end.</summary>
        public int Running => Volatile.Read(ref _running);

        public int MostRunning { get; private set; }

        public async Task ExecuteAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken)
        {
            var running = Interlocked.Increment(ref _running);
            lock (Batches) MostRunning = Math.Max(MostRunning, running);
            try
            {
                await RunAsync(batch);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private async Task RunAsync(IReadOnlyList<WriteOperation> batch)
        {
            Started.TrySetResult();
            await _gate.Task;
            lock (Batches) Batches.Add(batch.Select(o => o.Key.GrainKey).ToArray());
            if (FailNext is { } failure)
            {
                FailNext = null;
                throw failure;
            }
            if (batch.Any(o => o.Key.GrainKey == Poison)) throw new FormatException("poisoned");
        }

        public bool MayBeCausedByOneOperation(Exception exception) => exception is FormatException;

        private static TaskCompletionSource Open()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }
}
