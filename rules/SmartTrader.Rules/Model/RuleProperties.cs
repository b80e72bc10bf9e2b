using System.Text.Json;

namespace SmartTrader.Rules.Model;

/// <summary>Reads the tags this project gives meaning to from a rule's free-form Properties.</summary>
public static class RuleProperties
{
    public const string SeverityKey = "Severity";
    public const string ReferenceKey = "Reference";

    public static Severity SeverityOf(Rule rule) =>
        Find(rule.Properties, SeverityKey) is { ValueKind: JsonValueKind.String } value
        && Enum.TryParse<Severity>(value.GetString(), ignoreCase: true, out var severity)
            ? severity
            : Severity.Block;

    public static string? ReferenceOf(Rule rule) =>
        Find(rule.Properties, ReferenceKey) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A value of a JSON object read from a rules file, its key matched case-insensitively as the file's are.</summary>
    internal static JsonElement? Find(Dictionary<string, JsonElement>? values, string key)
    {
        if (values is null) return null;
        foreach (var (name, value) in values)
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }
}
