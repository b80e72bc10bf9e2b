using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Expressions;

namespace SmartTrader.Rules.Inputs;

/// <summary>
/// Turns JSON samples into typed rule inputs: a class is generated for each input's shape (numbers with a
/// fraction become decimal, whole numbers long, property names kept as written) and the sample is read into it.
/// Inputs of the same shape share their generated types, so repeated test runs hit the compile cache.
/// </summary>
public static class JsonInputs
{
    private static readonly ConcurrentDictionary<string, Type> TypesByShape = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNameCaseInsensitive = true };

    public static (IReadOnlyList<RuleInput> Inputs, object?[] Values) Bind(IReadOnlyList<(string Name, JsonElement Value)> samples)
    {
        var inputs = new List<RuleInput>();
        var values = new object?[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            var (name, sample) = samples[i];
            var shape = JsonShape.Of(sample);
            var type = TypeFor(shape, name);
            inputs.Add(new RuleInput(name, type));
            values[i] = sample.ValueKind == JsonValueKind.Null ? null : sample.Deserialize(type, ReadOptions);
        }
        return (inputs, values);
    }

    private static Type TypeFor(JsonShape shape, string name) => shape.Kind switch
    {
        JsonShape.Kinds.Object or JsonShape.Kinds.Array => TypesByShape.GetOrAdd(name + "=" + shape.Signature(), _ => Generate(shape, name)),
        _ => ScalarType(shape),
    };

    private static Type ScalarType(JsonShape shape) => shape.Kind switch
    {
        JsonShape.Kinds.Bool => shape.Nullable ? typeof(bool?) : typeof(bool),
        JsonShape.Kinds.Long => shape.Nullable ? typeof(long?) : typeof(long),
        JsonShape.Kinds.Decimal => shape.Nullable ? typeof(decimal?) : typeof(decimal),
        JsonShape.Kinds.String => typeof(string),
        _ => typeof(object),
    };

    private static Type Generate(JsonShape shape, string name)
    {
        var classes = new StringBuilder();
        var root = new ClassWriter(classes).TypeName(shape, name);
        var source = $"namespace SmartTrader.Rules.Generated.Inputs{Guid.NewGuid():N} {{\n{classes}\npublic static class Root {{ public static System.Type Type => typeof({root}); }}\n}}";
        var compilation = CSharpCompilation.Create(
            "SmartTrader.Rules.Generated.Inputs." + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source)],
            MetadataReferences.For([], typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute).Assembly),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
            throw new InvalidOperationException("Could not build input types: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var bytes = image.ToArray();
        var assembly = AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(bytes));
        MetadataReferences.RegisterInMemory(assembly, bytes);
        return (Type)assembly.GetTypes().Single(t => t.Name == "Root").GetProperty("Type", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    private sealed class ClassWriter(StringBuilder classes)
    {
        private int _count;

        public string TypeName(JsonShape shape, string hint) => shape.Kind switch
        {
            JsonShape.Kinds.Object => Class(shape, hint),
            JsonShape.Kinds.Array => $"System.Collections.Generic.List<{TypeName(shape.Element!, hint + "Item")}>",
            _ => TypeNames.CSharp(ScalarType(shape)),
        };

        private string Class(JsonShape shape, string hint)
        {
            var name = _count++ == 0 ? Sanitize(hint) : $"{Sanitize(hint)}_{_count}";
            // C# forbids a member named like its class.
            while (shape.Properties!.Keys.Any(p => Sanitize(p) == name)) name += "_";
            var body = new StringBuilder($"public sealed class {name} {{\n");
            foreach (var (property, propertyShape) in shape.Properties!)
            {
                var identifier = Sanitize(property);
                body.Append($"[System.Text.Json.Serialization.JsonPropertyName({SymbolDisplay.FormatLiteral(property, true)})] ");
                body.Append($"public {TypeName(propertyShape, property)} {identifier} {{ get; set; }}\n");
            }
            body.Append("}\n");
            classes.Append(body);
            return name;
        }

        private static string Sanitize(string name)
        {
            var text = new StringBuilder();
            foreach (var c in name) text.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
            if (text.Length == 0 || char.IsDigit(text[0])) text.Insert(0, '_');
            var identifier = text.ToString();
            return SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
        }
    }
}
