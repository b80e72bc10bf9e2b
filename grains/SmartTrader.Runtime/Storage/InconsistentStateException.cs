namespace SmartTrader.Runtime;

/// <summary>A write lost an optimistic-concurrency race: storage holds a version this activation did not read.</summary>
public sealed class InconsistentStateException(GrainStateKey key, string? expectedEtag, string? storedEtag)
    : Exception($"State '{key}' was changed by another writer (expected version {expectedEtag ?? "none"}, found {storedEtag ?? "none"}).")
{
    public GrainStateKey Key { get; } = key;
    public string? ExpectedEtag { get; } = expectedEtag;
    public string? StoredEtag { get; } = storedEtag;
}
