using System.Globalization;

namespace SmartTrader.Runtime;

/// <summary>
/// Grain state in process memory with real ETag checks. Thread-safe; one instance may be shared by several
/// runtimes to stand in for a database shared by several silos.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainStateKey, StoredState> _rows = [];
    private long _version;

    public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return Task.FromResult(_rows.GetValueOrDefault(key));
    }

    public Task<string> WriteAsync(
        GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, IReadOnlyList<GrainRecord> records, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        GrainRecord.RequireDistinct(key, records);
        lock (_lock)
        {
            var storedEtag = _rows.GetValueOrDefault(key)?.Etag;
            if (storedEtag != expectedEtag) return Task.FromException<string>(new InconsistentStateException(key, expectedEtag, storedEtag));
            var etag = Store(key, payload);
            foreach (var record in records) Store(record.Key, record.Payload);
            return Task.FromResult(etag);
        }
    }

    private string Store(GrainStateKey key, ReadOnlyMemory<byte> payload)
    {
        var etag = (++_version).ToString(CultureInfo.InvariantCulture);
        _rows[key] = new StoredState(key, payload.ToArray(), etag);
        return etag;
    }

    public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var storedEtag = _rows.GetValueOrDefault(key)?.Etag;
            if (storedEtag != expectedEtag) return Task.FromException(new InconsistentStateException(key, expectedEtag, storedEtag));
            _rows.Remove(key);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<StoredState>> QueryByKeyPrefixAsync(
        string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<StoredState> rows = _rows.Values
                .Where(r => r.Key.GrainType == grainType && r.Key.StateName == stateName
                    && r.Key.GrainKey.StartsWith(keyPrefix, StringComparison.Ordinal)
                    && (afterKey is null || string.CompareOrdinal(r.Key.GrainKey, afterKey) > 0))
                .OrderBy(r => r.Key.GrainKey, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
}
