using System.Reflection;

namespace SmartTrader.Rules.Expressions.Sandbox;

/// <summary>
/// The input types plus every type reachable through their public properties and fields (element types of
/// collections included), leaving out the framework's own types, which the allow-list governs instead.
/// </summary>
internal static class InputTypeClosure
{
    public static HashSet<Type> Types(IEnumerable<Type> roots)
    {
        var names = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        var seen = new HashSet<Type>();
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type)) continue;
            if (type.IsArray || type.IsByRef || type.IsPointer) { pending.Push(type.GetElementType()!); continue; }
            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments()) pending.Push(argument);
                type = type.GetGenericTypeDefinition();
            }
            if (IsFramework(type)) continue;
            names.Add(type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
                pending.Push(property.PropertyType);
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
                pending.Push(field.FieldType);
            if (type.BaseType is { } baseType) pending.Push(baseType);
        }
        return names;
    }

    private static bool IsFramework(Type type) =>
        type.Namespace is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal));
}
