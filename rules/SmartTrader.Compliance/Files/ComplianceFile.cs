using System.Text.Json;

namespace SmartTrader.Compliance.Files;

/// <summary>One compliance input file, parsed strictly; every problem is reported with the file, line, column and field.</summary>
internal sealed class ComplianceFile<T>
{
    private readonly string _name;
    private readonly string _root;
    private readonly IReadOnlyList<(long Line, long Column)> _positions;

    private ComplianceFile(string name, string root, T value, IReadOnlyList<(long, long)> positions)
    {
        _name = name;
        _root = root;
        Value = value;
        _positions = positions;
    }

    public T Value { get; }

    /// <param name="root">What the document is called in field paths: "fills" makes $[3].side read fills[3].side.</param>
    public static ComplianceFile<T> Read(string path, string root)
    {
        var name = Path.GetFileName(path);
        byte[] utf8;
        try
        {
            utf8 = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ComplianceFileException(name, 0, 0, root, $"cannot be read: {e.Message}");
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(utf8, StrictJson.Options)
                ?? throw new ComplianceFileException(name, 1, 1, root, "is null; expected " + (typeof(T).IsArray ? "an array" : "an object"));
            return new ComplianceFile<T>(name, root, value, JsonPositions.OfTopLevelValues(utf8));
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path, root);
            throw new ComplianceFileException(name, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, field, ProblemOf(e, field));
        }
    }

    /// <summary>A problem with the record at <paramref name="index"/> (-1: the whole document) found after parsing.</summary>
    public ComplianceFileException Problem(int index, string field, string problem)
    {
        var (line, column) = index >= 0 && index < _positions.Count ? _positions[index] : _positions.Count > 0 ? _positions[0] : (1, 1);
        var path = index >= 0 ? $"{_root}[{index}]" : _root;
        return new ComplianceFileException(_name, line, column, field.Length == 0 ? path : $"{path}.{field}", problem);
    }

    private static string FieldOf(string? jsonPath, string root) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? root : root + jsonPath.TrimStart('$').TrimStart('.') switch
        {
            var rest when rest.StartsWith('[') => rest,
            var rest => "." + rest,
        };

    /// <summary>The serializer's message without the position it appends, which the exception reports on its own.</summary>
    private static string ProblemOf(JsonException e, string field)
    {
        var message = e.Message;
        // The serializer names the record being read, not the field's type; say what the field takes instead.
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            return "has a value this field cannot take" + (AllowedValues(field) is { } allowed ? $": write one of {allowed}" : "");
        var missing = message.IndexOf("missing required properties including: ", StringComparison.Ordinal);
        if (missing >= 0)
        {
            var names = message[(missing + "missing required properties including: ".Length)..];
            var end = names.IndexOf(". ", StringComparison.Ordinal);
            return "is missing required field(s) " + (end >= 0 ? names[..end] : names.TrimEnd('.'));
        }
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return "is not a field here (names are camelCase and exact)";
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private static string? AllowedValues(string field) => field[(field.LastIndexOf('.') + 1)..] switch
    {
        "side" => NamesOf<TradeSide>(),
        "type" when field.Contains("instrument", StringComparison.Ordinal) => NamesOf<InstrumentKind>(),
        "type" => NamesOf<AccountKind>(),
        "right" => NamesOf<OptionRight>(),
        _ => null,
    };

    private static string NamesOf<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());
}
