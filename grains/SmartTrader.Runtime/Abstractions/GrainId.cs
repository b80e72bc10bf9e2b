namespace SmartTrader.Runtime;

/// <summary>Identity of a grain: its type name and its key. Stable across silos and restarts.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";

    /// <summary>A stable 32-bit hash (FNV-1a over UTF-16), used for placement and reminder sharding.</summary>
    public uint StableHash()
    {
        var hash = 2166136261u;
        foreach (var c in Type) hash = (hash ^ c) * 16777619u;
        hash = (hash ^ '/') * 16777619u;
        foreach (var c in Key) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
