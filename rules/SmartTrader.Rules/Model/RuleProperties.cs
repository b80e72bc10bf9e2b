using System.Text.Json;

namespace SmartTrader.Rules.Model;

/// <summary>Reads the tags this project gives meaning to from a rule's free-form Properties.</summary>
public static class RuleProperties
{
    public const string SeverityKey = "Severity";
    public const string ReferenceKey = "Reference";

    public static Severity SeverityOf(Rule rule) =>
        Find(rule, SeverityKey) is { ValueKind: JsonValueKind.String } value
        && Enum.TryParse<Severity>(value.GetString(), ignoreCase: true, out var severity)
            ? severity
            : Severity.Block;

    public static string? ReferenceOf(Rule rule) =>
        Find(rule, ReferenceKey) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static JsonElement? Find(Rule rule, string key)
    {
        if (rule.Properties is null) return null;
        foreach (var (name, value) in rule.Properties)
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }
}
