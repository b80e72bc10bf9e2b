using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;

namespace SmartTrader.Runtime;

/// <summary>
/// The grain classes found in the registered assemblies, indexed by grain type name and by the grain interfaces
/// they implement. Each grain interface must be implemented by exactly one class.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainClassInfo> _byGrainType;
    private readonly Dictionary<Type, List<GrainClassInfo>> _byInterface = [];
    private readonly ConcurrentDictionary<Type, GrainInterfaceInfo> _interfaces = new();
    private readonly ConcurrentDictionary<MethodInfo, GrainMethod> _methods = new();
    private readonly FrozenDictionary<string, PlaceWithAttribute> _placedWith;
    private readonly string _assemblyNames;

    public GrainTypeRegistry(GrainAssemblies assemblies)
    {
        _assemblyNames = string.Join(", ", assemblies.All.Select(a => a.GetName().Name));
        var classes = assemblies.All
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t) && typeof(IGrain).IsAssignableFrom(t))
            .Select(t => new GrainClassInfo(t))
            .ToList();

        var duplicate = classes.GroupBy(c => c.GrainType).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"Grain type name '{duplicate.Key}' is used by {string.Join(" and ", duplicate)}; give one of them a distinct [GrainType].");
        _byGrainType = classes.ToDictionary(c => c.GrainType);
        OnEverySilo = classes.Where(c => c.IsOnEverySilo).Select(c => c.GrainType).ToFrozenSet(StringComparer.Ordinal);
        _placedWith = PlacedWith(classes, _byGrainType);

        foreach (var grainClass in classes)
        foreach (var grainInterface in grainClass.ClassType.GetInterfaces().Where(IsGrainInterface))
        {
            if (!_byInterface.TryGetValue(grainInterface, out var implementations)) _byInterface[grainInterface] = implementations = [];
            implementations.Add(grainClass);
        }

        ReceiveReminder = MethodOf(typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder))!);
    }

    public IEnumerable<GrainClassInfo> Classes => _byGrainType.Values;

    /// <summary>Type names of the grains with one activation per silo (<see cref="OnEverySiloAttribute"/>).</summary>
    public FrozenSet<string> OnEverySilo { get; }

    /// <summary>
    /// The grain whose placement decides <paramref name="grainId"/>'s: its anchor (<see cref="PlaceWithAttribute"/>),
    /// the anchor's anchor, and so on; the grain itself when it has none.
    /// </summary>
    public GrainId PlacementIdOf(GrainId grainId)
    {
        while (_placedWith.Count > 0 && _placedWith.TryGetValue(grainId.Type, out var placeWith)) grainId = placeWith.AnchorOf(grainId.Key);
        return grainId;
    }

    /// <summary>The prepared <see cref="IRemindable.ReceiveReminder"/>, used by the reminder service.</summary>
    public GrainMethod ReceiveReminder { get; }

    public GrainClassInfo ClassOf(GrainId grainId) =>
        _byGrainType.TryGetValue(grainId.Type, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException(
                $"Grain {grainId}: no grain class has type name '{grainId.Type}' in the registered assemblies ({_assemblyNames}).");

    public GrainInterfaceInfo InterfaceOf(Type grainInterface) =>
        _interfaces.TryGetValue(grainInterface, out var info) ? info : _interfaces.GetOrAdd(grainInterface, Build);

    /// <summary>Every [PlaceWith] by grain type, checked: the anchor type exists and no chain of anchors comes back to its start.</summary>
    private static FrozenDictionary<string, PlaceWithAttribute> PlacedWith(List<GrainClassInfo> classes, Dictionary<string, GrainClassInfo> byGrainType)
    {
        var placedWith = classes.Where(c => c.PlaceWith is not null).ToDictionary(c => c.GrainType, c => c.PlaceWith!);
        foreach (var (grainType, placeWith) in placedWith)
        {
            if (!byGrainType.ContainsKey(placeWith.GrainType))
                throw new InvalidOperationException(
                    $"Grain type '{grainType}' is placed with grain type '{placeWith.GrainType}', which no registered grain class has.");
            var seen = new HashSet<string> { grainType };
            for (var anchor = placeWith.GrainType; placedWith.TryGetValue(anchor, out var next); anchor = next.GrainType)
                if (!seen.Add(anchor))
                    throw new InvalidOperationException($"Grain type '{grainType}' is placed with a chain of grain types that comes back to '{anchor}'.");
        }
        return placedWith.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private GrainInterfaceInfo Build(Type grainInterface)
    {
        if (!grainInterface.IsInterface || !IsGrainInterface(grainInterface))
            throw new ArgumentException($"{grainInterface.FullName} is not a grain interface (an interface extending IGrain).");
        if (!_byInterface.TryGetValue(grainInterface, out var implementations))
            throw new InvalidOperationException(
                $"No grain class implements {grainInterface.FullName} in the registered assemblies ({_assemblyNames}). " +
                "Register its assembly with AddGrainsFrom().");
        if (implementations.Count > 1)
            throw new InvalidOperationException(
                $"{grainInterface.FullName} is implemented by several grain classes ({string.Join(", ", implementations)}); " +
                "a grain interface must have exactly one implementation.");

        var methods = new[] { grainInterface }
            .Concat(grainInterface.GetInterfaces())
            .SelectMany(i => i.GetMethods())
            .ToDictionary(m => m, MethodOf);
        return new GrainInterfaceInfo(grainInterface, implementations[0], methods);
    }

    private GrainMethod MethodOf(MethodInfo method) => _methods.GetOrAdd(method, GrainMethodCompiler.Compile);

    private static bool IsGrainInterface(Type type) =>
        type.IsInterface && typeof(IGrain).IsAssignableFrom(type)
        && type != typeof(IGrain) && type != typeof(IGrainWithStringKey) && type != typeof(IRemindable);
}
