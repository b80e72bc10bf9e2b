using Microsoft.CodeAnalysis;

namespace SmartTrader.Rules.Expressions.Sandbox;

/// <summary>
/// The allow-list: which types and members an expression may touch. Everything not named here is refused — IO,
/// network, processes, reflection, threading, environment and assembly loading are simply never on the list.
/// Input types (and the types reachable through their properties) are readable, property by property.
/// </summary>
internal sealed class SandboxPolicy
{
    /// <summary>Types every public member of which is pure and bounded, save the few in <see cref="DeniedMembers"/>.</summary>
    private static readonly HashSet<string> OpenTypes =
    [
        "System.Boolean", "System.Char", "System.SByte", "System.Byte", "System.Int16", "System.UInt16", "System.Int32",
        "System.UInt32", "System.Int64", "System.UInt64", "System.Single", "System.Double", "System.Decimal", "System.String",
        "System.DateTime", "System.DateTimeOffset", "System.DateOnly", "System.TimeOnly", "System.TimeSpan", "System.Guid",
        "System.Math", "System.Convert", "System.Nullable`1", "System.Linq.Enumerable", "System.StringComparer",
        "System.Collections.Generic.KeyValuePair`2", "System.Collections.Generic.CollectionExtensions",
        "System.IEquatable`1", "System.IComparable`1", "System.IComparable",
        "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
        "SmartTrader.Rules.Runtime.RuleFunctions",
    ];

    /// <summary>Collections the inputs may hold: only their reading members are allowed.</summary>
    private static readonly HashSet<string> ReadOnlyTypes =
    [
        "System.Array", "System.Collections.Generic.List`1", "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.SortedSet`1", "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.SortedDictionary`2", "System.Collections.Generic.IEnumerable`1",
        "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.IReadOnlySet`1", "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Generic.ICollection`1", "System.Collections.Generic.IList`1",
        "System.Collections.Generic.ISet`1", "System.Collections.Generic.IDictionary`2",
        "System.Collections.Immutable.ImmutableArray`1", "System.Collections.Immutable.ImmutableList`1",
        "System.Collections.Immutable.ImmutableHashSet`1", "System.Collections.Immutable.ImmutableDictionary`2",
        "System.Collections.Immutable.IImmutableSet`1", "System.Collections.Frozen.FrozenSet`1",
        "System.Collections.Frozen.FrozenDictionary`2", "System.Linq.IGrouping`2", "System.Linq.ILookup`2",
        "System.Linq.IOrderedEnumerable`1",
    ];

    private static readonly HashSet<string> ReadingMembers =
    [
        "Count", "Length", "LongLength", "IsEmpty", "IsDefaultOrEmpty", "Contains", "ContainsKey", "ContainsValue",
        "IndexOf", "LastIndexOf", "get_Item", "this[]", "Item", "Keys", "Values", "Key", "IsSubsetOf", "IsSupersetOf",
        "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps", "SetEquals", "Exists", "TrueForAll", "Find", "FindIndex",
        "FindLast", "FindLastIndex", "FindAll", "GetValueOrDefault", "BinarySearch", "Equals", "ToString", "GetHashCode",
    ];

    /// <summary>Types allowed as values (lambda, comparer and enum types) though they offer nothing to call.</summary>
    private static readonly HashSet<string> ValueOnlyTypes =
    [
        "System.Func`1", "System.Func`2", "System.Func`3", "System.Func`4", "System.Func`5", "System.Predicate`1",
        "System.Comparison`1", "System.Collections.Generic.IEqualityComparer`1", "System.Collections.Generic.IComparer`1",
        "System.DayOfWeek", "System.StringComparison", "System.MidpointRounding", "System.StringSplitOptions",
        "System.DateTimeKind", "System.Enum", "System.ValueType", "System.Object",
    ];

    /// <summary>Members of open types that are impure (clock, randomness) or unbounded (padding, repetition).</summary>
    private static readonly HashSet<string> DeniedMembers =
    [
        "System.DateTime.Now", "System.DateTime.UtcNow", "System.DateTime.Today", "System.DateTimeOffset.Now",
        "System.DateTimeOffset.UtcNow", "System.Guid.NewGuid", "System.Guid.CreateVersion7", "System.String.Intern",
        "System.String.IsInterned", "System.String.Create", "System.String.Copy", "System.String.PadLeft",
        "System.String.PadRight", "System.String..ctor", "System.Linq.Enumerable.Range", "System.Linq.Enumerable.Repeat",
        "System.Convert.ChangeType", "System.Convert.GetTypeCode", "System.Convert.IsDBNull", "System.Object.GetType",
        "System.Object.MemberwiseClone", "System.Object.Finalize", "System.Object.ReferenceEquals",
    ];

    private static readonly HashSet<string> ObjectMembers = ["Equals", "ToString", "GetHashCode", "op_Equality", "op_Inequality", "CompareTo"];

    /// <summary>The generated wrapper around lambda bodies; only its Step is reachable.</summary>
    private const string BudgetType = "SmartTrader.Rules.Runtime.RuleBudget";

    private readonly HashSet<string> _inputTypes;

    /// <param name="inputTypes">The input types with every type reachable from them (<see cref="InputTypeClosure.Types"/>).</param>
    public SandboxPolicy(IEnumerable<Type> inputTypes) => _inputTypes = inputTypes.Select(t => t.FullName ?? t.Name).ToHashSet(StringComparer.Ordinal);

    public bool IsAllowed(ISymbol member)
    {
        var type = member.ContainingType;
        if (type is null) return false;
        var definition = MetadataName(type.OriginalDefinition);
        if (DeniedMembers.Contains($"{definition}.{member.Name}")) return false;
        if (type.IsAnonymousType || type.IsTupleType) return true;
        if (definition == BudgetType) return member.Name == nameof(Runtime.RuleBudget.Step);
        if (IsInputType(type))
            return member is IPropertySymbol { IsIndexer: false } or IFieldSymbol || ObjectMembers.Contains(member.Name);
        if (OpenTypes.Contains(definition)) return true;
        if (ReadOnlyTypes.Contains(definition)) return ReadingMembers.Contains(member.Name);
        if (type.TypeKind == TypeKind.Enum) return member is IFieldSymbol || ObjectMembers.Contains(member.Name) || member.Name == "HasFlag";
        if (type.TypeKind == TypeKind.Delegate) return member.Name == "Invoke";
        if (definition is "System.Object" or "System.ValueType" or "System.Enum") return ObjectMembers.Contains(member.Name) || member.Name == "HasFlag";
        return false;
    }

    public bool IsAllowed(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => IsAllowed(array.ElementType),
        IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol or IErrorTypeSymbol => false,
        ITypeParameterSymbol => true,
        INamedTypeSymbol named => IsAllowedNamed(named),
        _ => false,
    };

    private bool IsAllowedNamed(INamedTypeSymbol type)
    {
        if (type.IsAnonymousType) return type.GetMembers().OfType<IPropertySymbol>().All(p => IsAllowed(p.Type));
        if (type.IsTupleType) return type.TupleElements.All(e => IsAllowed(e.Type));
        if (type.SpecialType is SpecialType.System_Void) return true;
        if (IsInputType(type)) return true;
        var definition = MetadataName(type.OriginalDefinition);
        var known = OpenTypes.Contains(definition) || ReadOnlyTypes.Contains(definition) || ValueOnlyTypes.Contains(definition);
        return known && type.TypeArguments.All(IsAllowed);
    }

    private bool IsInputType(INamedTypeSymbol type) => _inputTypes.Contains(MetadataName(type.OriginalDefinition));

    /// <summary>The CLR's name for a type: namespace, '+' between nesting levels, '`n' for generics.</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            name = outer.MetadataName + "+" + name;
        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }
}
