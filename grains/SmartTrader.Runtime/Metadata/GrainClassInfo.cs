using System.Linq.Expressions;
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
        IsOnEverySilo = classType.IsDefined(typeof(OnEverySiloAttribute), inherit: false);
        PlaceWith = classType.GetCustomAttribute<PlaceWithAttribute>(inherit: false);
        if (IsOnEverySilo && PlaceWith is not null)
            throw new InvalidOperationException($"Grain class {classType.FullName} is [OnEverySilo] and cannot be [PlaceWith] another grain.");
        Constructor = classType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {classType.FullName} has no public constructor.");
        PersistentStates = Constructor.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<PersistentStateAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => PersistentStateParameter.From(classType, x.Parameter, x.Attribute!))
            .ToArray();
        if (IsOnEverySilo && PersistentStates.Count > 0)
            throw new InvalidOperationException($"Grain class {classType.FullName} is [OnEverySilo] and cannot have persistent state.");
        ServiceParameters = Constructor.GetParameters().Where(p => PersistentStates.All(s => s.Position != p.Position)).ToArray();
        Create = CompileConstructor(Constructor);
    }

    public Type ClassType { get; }
    public string GrainType { get; }
    public bool IsReentrant { get; }
    public TimeSpan? CollectionAgeLimit { get; }
    public bool IsRemindable { get; }

    /// <summary>One activation per silo, keyed by the silo's address (<see cref="OnEverySiloAttribute"/>).</summary>
    public bool IsOnEverySilo { get; }

    /// <summary>The grain whose silo this one is placed on, if any (<see cref="PlaceWithAttribute"/>).</summary>
    public PlaceWithAttribute? PlaceWith { get; }
    public ConstructorInfo Constructor { get; }
    public IReadOnlyList<PersistentStateParameter> PersistentStates { get; }

    /// <summary>Constructor parameters filled from the service provider.</summary>
    public IReadOnlyList<ParameterInfo> ServiceParameters { get; }

    /// <summary>
    /// The constructor, compiled once. Reflection's own invoke stubs hang off caches the GC may drop, and were
    /// re-emitted and re-jitted again and again under load.
    /// </summary>
    public Func<object?[], Grain> Create { get; }

    public static string NameOf(Type classType)
    {
        var declared = classType.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.Name;
        if (declared is not null) return declared;
        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length) name = name[..^"Grain".Length];
        return name.ToLowerInvariant();
    }

    public override string ToString() => ClassType.FullName ?? ClassType.Name;

    private static Func<object?[], Grain> CompileConstructor(ConstructorInfo constructor)
    {
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = constructor.GetParameters()
            .Select(p => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(p.Position)), p.ParameterType));
        var create = Expression.Convert(Expression.New(constructor, parameters), typeof(Grain));
        return Expression.Lambda<Func<object?[], Grain>>(create, arguments).Compile();
    }
}

/// <summary>A constructor parameter <c>[PersistentState] IPersistentState&lt;T&gt;</c>.</summary>
internal sealed record PersistentStateParameter(int Position, string StateName, string? StorageName, Type StateType)
{
    /// <summary>Creates the runtime's PersistentState&lt;T&gt; for this parameter; compiled once, like the grain constructor.</summary>
    public Func<GrainStateKey, IGrainStorage, Action<DeactivationReason>, IPersistentStateStore> Create { get; } = CompileStateConstructor(StateType);

    private static Func<GrainStateKey, IGrainStorage, Action<DeactivationReason>, IPersistentStateStore> CompileStateConstructor(Type stateType)
    {
        var constructor = typeof(PersistentState<>).MakeGenericType(stateType).GetConstructors().Single();
        var key = Expression.Parameter(typeof(GrainStateKey), "key");
        var storage = Expression.Parameter(typeof(IGrainStorage), "storage");
        var onWriteFailed = Expression.Parameter(typeof(Action<DeactivationReason>), "onWriteFailed");
        var create = Expression.Convert(Expression.New(constructor, key, storage, onWriteFailed), typeof(IPersistentStateStore));
        return Expression.Lambda<Func<GrainStateKey, IGrainStorage, Action<DeactivationReason>, IPersistentStateStore>>(create, key, storage, onWriteFailed).Compile();
    }

    public static PersistentStateParameter From(Type classType, ParameterInfo parameter, PersistentStateAttribute attribute)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            throw new InvalidOperationException(
                $"Parameter '{parameter.Name}' of {classType.FullName} is marked [PersistentState] but is not IPersistentState<T>.");
        return new PersistentStateParameter(parameter.Position, attribute.StateName, attribute.StorageName, type.GetGenericArguments()[0]);
    }
}
