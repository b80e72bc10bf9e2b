namespace SmartTrader.Runtime;

/// <summary>Names the grain type in storage and routing. Defaults to the class name without a "Grain" suffix, lower-cased.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Lets calls to this grain interleave at await points instead of running one turn at a time.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>This interface method may interleave with any other call, even on a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>How long an activation of this grain type may sit idle before it is collected.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute(double minutes) : Attribute
{
    public TimeSpan Age { get; } = TimeSpan.FromMinutes(minutes);
}

/// <summary>Marks a grain constructor parameter of type IPersistentState&lt;T&gt; to be filled by the runtime.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;
    public string? StorageName { get; } = storageName;
}

/// <summary>
/// One activation of this grain on every silo, keyed by that silo's address: <c>GetGrain&lt;T&gt;(silo.Value)</c> reaches
/// the silo the address names (<see cref="ISiloRoster"/> lists them), never another, and a silo that is gone is not
/// replaced. It is not claimed in the cluster's directory and holds no persistent state; it is the way to reach
/// something a silo keeps in memory for itself, such as a cache to invalidate.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OnEverySiloAttribute : Attribute;

/// <summary>
/// Places this grain on the silo of another grain, its anchor: the grain of type <see cref="GrainType"/> whose key is
/// this grain's key up to the last <see cref="KeySeparator"/> (the whole key when it has none). Calls between the two
/// stay on one silo, and they move together when the membership changes. It changes placement only: the grain is
/// claimed in the directory like any other, so it still has one activation.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PlaceWithAttribute(string grainType, char keySeparator) : Attribute
{
    public string GrainType { get; } = grainType;
    public char KeySeparator { get; } = keySeparator;

    /// <summary>The anchor of the grain keyed <paramref name="key"/>.</summary>
    public GrainId AnchorOf(string key)
    {
        var end = key.LastIndexOf(KeySeparator);
        return new GrainId(GrainType, end < 0 ? key : key[..end]);
    }
}
