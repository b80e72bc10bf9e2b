using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartTrader.Rules.Model;

/// <summary>
/// Reads and writes rules files: one workflow or an array of workflows, property names matched
/// case-insensitively, as Microsoft RulesEngine's files are written.
/// </summary>
public static class RulesDocument
{
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// One canonical layout (rulesets store and hash it): indented, nulls left out, and &lt;, &gt;, &amp; and quotes in
    /// expressions kept as written, since rules are read by people and never embedded in HTML.
    /// </summary>
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<Workflow> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            var root = document.RootElement;
            var workflows = root.ValueKind switch
            {
                JsonValueKind.Array => root.Deserialize<List<Workflow>>(ReadOptions),
                JsonValueKind.Object => [root.Deserialize<Workflow>(ReadOptions)!],
                _ => throw new RulesDocumentException("A rules file holds one workflow object or an array of them.", 1, 1),
            };
            return workflows ?? [];
        }
        catch (JsonException e)
        {
            throw new RulesDocumentException(
                $"Not a valid rules file: {e.Message}", (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
        }
    }

    public static IReadOnlyList<Workflow> Load(string path) => Parse(File.ReadAllText(path));

    public static string Serialize(IReadOnlyList<Workflow> workflows) =>
        JsonSerializer.Serialize(workflows, WriteOptions);

    public static string Serialize(Workflow workflow) => JsonSerializer.Serialize(workflow, WriteOptions);
}

/// <summary>A rules file that is not JSON or not in the expected shape; carries a 1-based line and column.</summary>
public sealed class RulesDocumentException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
