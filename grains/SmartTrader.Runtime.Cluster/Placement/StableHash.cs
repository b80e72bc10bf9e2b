namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// 64-bit hashes that every silo and every process computes alike (string.GetHashCode is randomized per process):
/// FNV-1a over the UTF-16 code units, then MurmurHash3's finalizer so that every input bit reaches every output bit.
/// </summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(GrainId grainId)
    {
        var hash = Append(Offset, grainId.Type);
        hash = (hash ^ '/') * Prime;
        return Mix(Append(hash, grainId.Key));
    }

    public static ulong Of(string text) => Mix(Append(Offset, text));

    /// <summary>MurmurHash3's 64-bit finalizer.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccdUL;
        value ^= value >> 33;
        value *= 0xc4ceb9fe1a85ec53UL;
        value ^= value >> 33;
        return value;
    }

    private static ulong Append(ulong hash, string text)
    {
        foreach (var c in text) hash = (hash ^ c) * Prime;
        return hash;
    }
}
