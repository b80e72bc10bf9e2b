using System.Text.Json;

namespace SmartTrader.Rules.Inputs;

/// <summary>
/// The type a JSON value implies: whole numbers are long, other numbers decimal, objects are classes (shapes of
/// the same property merged across array items), arrays are lists. Null alone gives object.
/// </summary>
internal sealed record JsonShape(JsonShape.Kinds Kind, IReadOnlyDictionary<string, JsonShape>? Properties = null, JsonShape? Element = null, bool Nullable = false)
{
    public enum Kinds { Unknown, Bool, Long, Decimal, String, Object, Array }

    public static JsonShape Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => new(Kinds.Bool),
        JsonValueKind.Number => value.TryGetInt64(out _) ? new(Kinds.Long) : new(Kinds.Decimal),
        JsonValueKind.String => new(Kinds.String),
        JsonValueKind.Object => new(Kinds.Object, value.EnumerateObject()
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.First().Name, g => g.Select(p => Of(p.Value)).Aggregate(Merge), StringComparer.Ordinal)),
        JsonValueKind.Array => new(Kinds.Array, Element: value.EnumerateArray().Select(Of).DefaultIfEmpty(new(Kinds.Unknown, Nullable: true)).Aggregate(Merge)),
        _ => new(Kinds.Unknown, Nullable: true),
    };

    public static JsonShape Merge(JsonShape a, JsonShape b)
    {
        if (a.Kind == Kinds.Unknown) return b with { Nullable = true };
        if (b.Kind == Kinds.Unknown) return a with { Nullable = true };
        if (a.Kind != b.Kind)
            return a.Kind is Kinds.Long or Kinds.Decimal && b.Kind is Kinds.Long or Kinds.Decimal
                ? new(Kinds.Decimal, Nullable: a.Nullable || b.Nullable)
                : new(Kinds.Unknown, Nullable: true);
        return a.Kind switch
        {
            Kinds.Object => new(Kinds.Object, MergeProperties(a.Properties!, b.Properties!), Nullable: a.Nullable || b.Nullable),
            Kinds.Array => new(Kinds.Array, Element: Merge(a.Element!, b.Element!), Nullable: a.Nullable || b.Nullable),
            _ => a with { Nullable = a.Nullable || b.Nullable },
        };
    }

    private static Dictionary<string, JsonShape> MergeProperties(IReadOnlyDictionary<string, JsonShape> a, IReadOnlyDictionary<string, JsonShape> b)
    {
        var merged = new Dictionary<string, JsonShape>(StringComparer.Ordinal);
        foreach (var (name, shape) in a) merged[name] = b.TryGetValue(name, out var other) ? Merge(shape, other) : shape with { Nullable = true };
        foreach (var (name, shape) in b) merged.TryAdd(name, shape with { Nullable = true });
        return merged;
    }

    /// <summary>A stable text of the shape, used to reuse generated types for inputs of the same shape.</summary>
    public string Signature() => Kind switch
    {
        Kinds.Object => "{" + string.Join(",", Properties!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value.Signature()}")) + "}" + (Nullable ? "?" : ""),
        Kinds.Array => "[" + Element!.Signature() + "]",
        _ => Kind + (Nullable ? "?" : ""),
    };
}
