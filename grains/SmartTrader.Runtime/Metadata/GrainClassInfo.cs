using System.Reflection;

namespace SmartTrader.Runtime;

/// <summary>What the runtime knows about one grain class: its type name, scheduling and collection policy.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type classType)
    {
        ClassType = classType;
        GrainType = NameOf(classType);
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: false);
        CollectionAgeLimit = classType.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: false)?.Age;
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);
        Constructor = classType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {classType.FullName} has no public constructor.");
        PersistentStates = Constructor.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<PersistentStateAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => PersistentStateParameter.From(classType, x.Parameter, x.Attribute!))
            .ToArray();
    }

    public Type ClassType { get; }
    public string GrainType { get; }
    public bool IsReentrant { get; }
    public TimeSpan? CollectionAgeLimit { get; }
    public bool IsRemindable { get; }
    public ConstructorInfo Constructor { get; }
    public IReadOnlyList<PersistentStateParameter> PersistentStates { get; }

    public static string NameOf(Type classType)
    {
        var declared = classType.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.Name;
        if (declared is not null) return declared;
        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length) name = name[..^"Grain".Length];
        return name.ToLowerInvariant();
    }

    public override string ToString() => ClassType.FullName ?? ClassType.Name;
}

/// <summary>A constructor parameter <c>[PersistentState] IPersistentState&lt;T&gt;</c>.</summary>
internal sealed record PersistentStateParameter(int Position, string StateName, string? StorageName, Type StateType)
{
    public static PersistentStateParameter From(Type classType, ParameterInfo parameter, PersistentStateAttribute attribute)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            throw new InvalidOperationException(
                $"Parameter '{parameter.Name}' of {classType.FullName} is marked [PersistentState] but is not IPersistentState<T>.");
        return new PersistentStateParameter(parameter.Position, attribute.StateName, attribute.StorageName, type.GetGenericArguments()[0]);
    }
}
