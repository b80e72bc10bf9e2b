using System.Text.Json;

namespace SmartTrader.Server.Bench;

/// <summary>Prints a benchmark's figures as aligned text, or as one JSON document with --json.</summary>
public static class BenchOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(bool json, string title, IReadOnlyList<(string Name, object Value)> figures)
    {
        if (json)
        {
            var document = new Dictionary<string, object> { ["benchmark"] = title };
            foreach (var (name, value) in figures) document[name] = value;
            Console.WriteLine(JsonSerializer.Serialize(document, Json));
            return;
        }
        Console.WriteLine(title);
        var width = figures.Max(f => f.Name.Length);
        foreach (var (name, value) in figures)
            Console.WriteLine($"  {name.PadRight(width)}  {Format(value)}");
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("N2", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    public static void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");
}
