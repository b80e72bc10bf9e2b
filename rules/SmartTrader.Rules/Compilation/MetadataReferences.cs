using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// The assemblies generated code compiles against: the core library and LINQ, this library's runtime helpers, and
/// the assemblies of the input types. References are read once per process.
/// </summary>
internal static class MetadataReferences
{
    private static readonly ConcurrentDictionary<string, MetadataReference> ByPath = new();
    private static readonly ConcurrentDictionary<Assembly, MetadataReference> InMemory = new();

    /// <summary>Makes an assembly loaded from bytes (generated input types) referenceable by later compilations.</summary>
    public static void RegisterInMemory(Assembly assembly, byte[] image) =>
        InMemory[assembly] = MetadataReference.CreateFromImage(image);

    private static readonly Assembly[] Always =
    [
        typeof(object).Assembly, typeof(Enumerable).Assembly, typeof(List<>).Assembly, typeof(HashSet<>).Assembly,
        typeof(System.Collections.Immutable.ImmutableArray).Assembly, typeof(Runtime.RuleBudget).Assembly,
    ];

    private static readonly string[] Facades = ["System.Runtime", "netstandard", "System.Collections"];

    public static IReadOnlyList<MetadataReference> For(IEnumerable<Type> inputTypes, params Assembly[] extra)
    {
        var assemblies = new HashSet<Assembly>(Always.Concat(extra));
        foreach (var type in inputTypes) AddWithFrameworkReferences(assemblies, type.Assembly);
        var paths = assemblies.Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location).ToHashSet();
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var facade in Facades)
        {
            var path = Path.Combine(frameworkDirectory, facade + ".dll");
            if (File.Exists(path)) paths.Add(path);
        }
        return paths.Order(StringComparer.Ordinal)
            .Select(p => ByPath.GetOrAdd(p, static path => MetadataReference.CreateFromFile(path)))
            .Concat(assemblies.Where(InMemory.ContainsKey).Select(a => InMemory[a]))
            .ToList();
    }

    private static void AddWithFrameworkReferences(HashSet<Assembly> assemblies, Assembly assembly)
    {
        if (!assemblies.Add(assembly)) return;
        foreach (var name in assembly.GetReferencedAssemblies())
        {
            if (name.Name is null || !(name.Name.StartsWith("System", StringComparison.Ordinal) || name.Name is "netstandard" or "mscorlib")) continue;
            try { assemblies.Add(Assembly.Load(name)); }
            catch (FileNotFoundException) { }
        }
    }
}
