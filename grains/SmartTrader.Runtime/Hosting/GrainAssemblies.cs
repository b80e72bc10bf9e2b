using System.Reflection;

namespace SmartTrader.Runtime;

/// <summary>The assemblies scanned for grain classes, collected by <see cref="GrainRuntimeBuilder.AddGrainsFrom"/>.</summary>
internal sealed class GrainAssemblies
{
    private readonly List<Assembly> _assemblies = [];

    public IReadOnlyList<Assembly> All => _assemblies;

    public void Add(Assembly assembly)
    {
        if (!_assemblies.Contains(assembly)) _assemblies.Add(assembly);
    }
}
