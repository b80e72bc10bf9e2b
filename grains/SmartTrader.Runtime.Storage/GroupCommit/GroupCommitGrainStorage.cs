using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SmartTrader.Runtime.Storage.Statistics;

namespace SmartTrader.Runtime.Storage.GroupCommit;

/// <summary>
/// What both providers share: the schema gate and one group-commit writer through which every write and clear goes.
/// A provider supplies its batch executor, its migration, its reads, its key-range query and its health probe.
/// Dispose flushes the queued writes.
/// </summary>
public abstract class GroupCommitGrainStorage : IGrainStorage, IStorageInitializer, IAsyncDisposable
{
    private readonly StorageMetrics _metrics;
    private readonly GroupCommitWriter _writer;

    private protected GroupCommitGrainStorage(string provider, IWriteBatchExecutor executor, int maxBatchSize, ILogger logger)
    {
        _metrics = new StorageMetrics(provider);
        Schema = new SchemaInitialization(MigrateAsync);
        _writer = new GroupCommitWriter(executor, maxBatchSize, _metrics, logger);
    }

    private protected SchemaInitialization Schema { get; }

    public StorageStatistics Statistics => _metrics.Snapshot();

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Schema.RunAsync(cancellationToken);

    public async Task<string> WriteAsync(
        GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, IReadOnlyList<GrainRecord> records, CancellationToken cancellationToken = default)
    {
        var expected = WriteRequests.ParseExpected(key, expectedEtag);
        GrainRecord.RequireDistinct(key, records);
        await Schema.EnsureAsync(cancellationToken);
        RecordRow[] rows = [.. records.Select(r => new RecordRow(r.Key, ArrayOf(r.Payload)))];
        var version = await _writer.EnqueueAsync(new WriteOperation(WriteKind.Write, key, ArrayOf(payload), expected, cancellationToken, rows));
        return Versions.Format(version);
    }

    /// <summary>The payload's own array when it spans all of one (as a serializer's result does), else a copy.</summary>
    private static byte[] ArrayOf(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment is { Offset: 0, Array: { } array } && segment.Count == array.Length
            ? array
            : payload.ToArray();

    public async Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        var expected = WriteRequests.ParseExpected(key, expectedEtag);
        await Schema.EnsureAsync(cancellationToken);
        await _writer.EnqueueAsync(new WriteOperation(WriteKind.Clear, key, null, expected, cancellationToken));
    }

    public abstract Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default);

    public abstract Task<IReadOnlyList<StoredState>> QueryByKeyPrefixAsync(
        string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken = default);

    public abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or migrates the schema; runs once, before the first read or write.</summary>
    private protected abstract Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Releases the provider's connections once the writer has flushed.</summary>
    private protected abstract ValueTask DisposeProviderAsync();

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await DisposeProviderAsync();
        GC.SuppressFinalize(this);
    }
}
