using System.Collections.Concurrent;
using SmartTrader.Runtime;

namespace SmartTrader.Trading.Tests.Grains;

/// <summary>Storage that remembers every write (which row, and how many bytes) and the row of every point read.</summary>
internal sealed class CountingStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentQueue<StoredWrite> _writes = new();

    private readonly ConcurrentQueue<GrainStateKey> _reads = new();

    public IReadOnlyList<StoredWrite> Writes => [.. _writes];

    public IReadOnlyList<GrainStateKey> Reads => [.. _reads];

    public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        _reads.Enqueue(key);
        return inner.ReadAsync(key, cancellationToken);
    }

    public Task<string> WriteAsync(
        GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, IReadOnlyList<GrainRecord> records, CancellationToken cancellationToken = default)
    {
        _writes.Enqueue(new StoredWrite(key, payload.Length));
        foreach (var record in records) _writes.Enqueue(new StoredWrite(record.Key, record.Payload.Length));
        return inner.WriteAsync(key, payload, expectedEtag, records, cancellationToken);
    }

    public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken = default) => inner.ClearAsync(key, expectedEtag, cancellationToken);

    public Task<IReadOnlyList<StoredState>> QueryByKeyPrefixAsync(
        string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken = default) =>
        inner.QueryByKeyPrefixAsync(grainType, stateName, keyPrefix, afterKey, limit, cancellationToken);

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => inner.IsHealthyAsync(cancellationToken);
}

internal sealed record StoredWrite(GrainStateKey Key, int Bytes);
