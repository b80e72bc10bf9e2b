namespace SmartTrader.Runtime.Storage;

internal static class WriteRequests
{
    /// <summary>The expected version of a write; an etag this store never issued can only be a conflict.</summary>
    public static long? ParseExpected(GrainStateKey key, string? expectedEtag)
    {
        if (expectedEtag is null) return null;
        if (Versions.TryParse(expectedEtag, out var version)) return version;
        throw new InconsistentStateException(key, expectedEtag, storedEtag: null);
    }
}
