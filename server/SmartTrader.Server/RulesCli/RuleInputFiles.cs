using System.Text.Json;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Inputs;

namespace SmartTrader.Server.RulesCli;

/// <summary>
/// Reads <c>name=PATH.json</c> inputs for the rules verbs. When the workflow has a known schema (the pre-trade
/// gate's typed inputs) the samples are read into those types; otherwise types are generated from the samples.
/// </summary>
internal static class RuleInputFiles
{
    public static (string Name, JsonElement Value) Parse(string argument)
    {
        var equals = argument.IndexOf('=');
        if (equals <= 0 || equals == argument.Length - 1)
            throw new RulesCliException($"--input takes name=PATH.json, not '{argument}'.");
        var (name, path) = (argument[..equals], argument[(equals + 1)..]);
        if (!File.Exists(path)) throw new RulesCliException($"Input file '{path}' (for '{name}') does not exist.");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return (name, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new RulesCliException($"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: not valid JSON: {e.Message}");
        }
    }

    public static (IReadOnlyList<RuleInput> Inputs, object?[] Values) Bind(IReadOnlyList<(string Name, JsonElement Value)> samples, IReadOnlyList<RuleInput>? schema)
    {
        if (schema is null) return JsonInputs.Bind(samples);
        var values = new object?[schema.Count];
        for (var i = 0; i < schema.Count; i++)
        {
            var sample = samples.FirstOrDefault(s => s.Name == schema[i].Name);
            if (sample.Name is null)
                throw new RulesCliException($"Input '{schema[i].Name}' is missing; this workflow takes {string.Join(", ", schema.Select(s => s.Name))}.");
            try
            {
                values[i] = sample.Value.Deserialize(schema[i].Type, JsonSerializerOptions.Web);
            }
            catch (JsonException e)
            {
                throw new RulesCliException($"Input '{schema[i].Name}' does not fit {schema[i].Type.Name}: {e.Message}");
            }
        }
        var unknown = samples.Select(s => s.Name).Except(schema.Select(s => s.Name)).ToList();
        if (unknown.Count > 0) throw new RulesCliException($"Unknown input(s) {string.Join(", ", unknown)}; this workflow takes {string.Join(", ", schema.Select(s => s.Name))}.");
        return (schema, values);
    }
}

/// <summary>A usage problem the rules verbs report in one line and exit 2 for.</summary>
internal sealed class RulesCliException(string message) : Exception(message);
