using System.Globalization;
using System.Text.Json;

namespace SmartTrader.Rules.Runtime;

/// <summary>Renders values into ErrorMessage placeholders: invariant culture, objects as JSON.</summary>
public static class RuleText
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f when value.GetType().IsPrimitive || value is DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or Guid
            => f.ToString(null, CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };
}
