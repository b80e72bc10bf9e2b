using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SmartTrader.Compliance.Files;

/// <summary>
/// How compliance files are read: camelCase names exactly, every required field present, no unknown fields, enum
/// values by name only, numbers as numbers, and times with an explicit UTC offset. Nothing is guessed.
/// </summary>
internal static partial class StrictJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        Converters =
        {
            new JsonStringEnumConverter<AccountKind>(allowIntegerValues: false),
            new JsonStringEnumConverter<TradeSide>(allowIntegerValues: false),
            new JsonStringEnumConverter<InstrumentKind>(allowIntegerValues: false),
            new JsonStringEnumConverter<OptionRight>(allowIntegerValues: false),
            new OffsetTimeConverter(),
        },
    };

    /// <summary>ISO 8601 date and time ending in Z or ±hh:mm; a time without an offset would have to be guessed.</summary>
    private sealed class OffsetTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("expected a time as a string, e.g. \"2026-01-05T10:30:00-05:00\"");
            if (!WithOffset().IsMatch(text))
                throw new JsonException($"'{text}' is not an ISO 8601 time with a UTC offset, e.g. 2026-01-05T10:30:00-05:00 or 2026-01-05T15:30:00Z");
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                ? time
                : throw new JsonException($"'{text}' is not a valid date and time");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}
