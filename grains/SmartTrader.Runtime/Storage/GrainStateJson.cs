using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartTrader.Runtime;

/// <summary>How grain state is written to storage: System.Text.Json web defaults, enums as strings.</summary>
public static class GrainStateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
