namespace SmartTrader.Runtime;

public static class GrainStorageExtensions
{
    /// <summary>Writes one state without records (see <see cref="IGrainStorage.WriteAsync"/>).</summary>
    public static Task<string> WriteAsync(
        this IGrainStorage storage, GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken = default) =>
        storage.WriteAsync(key, payload, expectedEtag, [], cancellationToken);
}
