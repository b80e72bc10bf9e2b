namespace SmartTrader.Runtime;

/// <summary>A grain storage that refuses writes and clears once the silo is fenced (see <see cref="ISiloFence"/>).</summary>
internal sealed class FencedGrainStorage(IGrainStorage inner, ISiloFence fence) : IGrainStorage
{
    public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(key, cancellationToken);

    public Task<string> WriteAsync(
        GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, IReadOnlyList<GrainRecord> records, CancellationToken cancellationToken = default)
    {
        fence.ThrowIfFenced();
        return inner.WriteAsync(key, payload, expectedEtag, records, cancellationToken);
    }

    public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        fence.ThrowIfFenced();
        return inner.ClearAsync(key, expectedEtag, cancellationToken);
    }

    public Task<IReadOnlyList<StoredState>> QueryByKeyPrefixAsync(
        string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken = default) =>
        inner.QueryByKeyPrefixAsync(grainType, stateName, keyPrefix, afterKey, limit, cancellationToken);

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => inner.IsHealthyAsync(cancellationToken);
}
