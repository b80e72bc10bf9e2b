using System.Text;
using System.Text.Json.Nodes;

namespace SmartTrader.Runtime.Tests.Storage;

/// <summary>Payload helpers: PostgreSQL's jsonb normalises whitespace and key order, so payloads compare as JSON.</summary>
internal static class Json
{
    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    public static bool SameJson(byte[] payload, string expected) =>
        JsonNode.DeepEquals(JsonNode.Parse(payload), JsonNode.Parse(expected));
}
