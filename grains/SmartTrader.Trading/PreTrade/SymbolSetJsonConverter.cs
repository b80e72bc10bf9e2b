using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartTrader.Trading.PreTrade;

/// <summary>Reads a JSON array of symbols as the case-insensitive set <see cref="RiskLimits"/> holds (for sample inputs).</summary>
public sealed class SymbolSetJsonConverter : JsonConverter<IReadOnlySet<string>>
{
    public static IReadOnlySet<string> Of(IEnumerable<string> symbols) =>
        symbols.Select(symbol => symbol.Trim()).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public override IReadOnlySet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Of(JsonSerializer.Deserialize<string[]>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, IReadOnlySet<string> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Order(StringComparer.Ordinal).ToArray(), options);
}
