namespace SmartTrader.Runtime;

/// <summary>Addresses one named state of one grain: the primary key of a storage row.</summary>
public readonly record struct GrainStateKey(string GrainType, string GrainKey, string StateName)
{
    public override string ToString() => $"{GrainType}/{GrainKey}/{StateName}";
}

/// <summary>A stored state row: the JSON payload and the version it was written at.</summary>
public sealed record StoredState(GrainStateKey Key, byte[] Payload, string Etag);

/// <summary>
/// Durable storage for grain state. Writes carry the version the writer last saw (null for "no row yet") and fail
/// with <see cref="InconsistentStateException"/> when storage holds another. Implementations may group concurrent
/// writes from many grains into one transaction, but each call completes only once its row is committed.
/// </summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the payload if the stored version equals <paramref name="expectedEtag"/>, and in the same transaction the
    /// <paramref name="records"/> (none for most writes; each key at most once); returns the new version. When the
    /// versions differ, nothing is written.
    /// </summary>
    Task<string> WriteAsync(
        GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, IReadOnlyList<GrainRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Deletes the row if the stored version equals <paramref name="expectedEtag"/>.</summary>
    Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rows of one grain type and state name whose key starts with <paramref name="keyPrefix"/>, in key order, after
    /// <paramref name="afterKey"/> when given. A read model for listings; grains never use it to read their own state.
    /// </summary>
    Task<IReadOnlyList<StoredState>> QueryByKeyPrefixAsync(
        string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken = default);

    /// <summary>True when the store answers a trivial query; used by the readiness probe.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default);
}
