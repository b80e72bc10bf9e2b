using System.Reflection;
using System.Text;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The identity of a grain method on the wire: declaring interface, name and parameter types, written without
/// assembly names (e.g. <c>Shop.ICartGrain.Add(System.String,System.Int32)</c>) so silos of the same build agree.
/// </summary>
internal static class MethodKeys
{
    public static string Of(MethodInfo method)
    {
        var key = new StringBuilder();
        AppendType(key, method.DeclaringType!);
        key.Append('.').Append(method.Name).Append('(');
        var parameters = method.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i > 0) key.Append(',');
            AppendType(key, parameters[i].ParameterType);
        }
        return key.Append(')').ToString();
    }

    private static void AppendType(StringBuilder key, Type type)
    {
        if (type.IsArray)
        {
            AppendType(key, type.GetElementType()!);
            key.Append('[').Append(',', type.GetArrayRank() - 1).Append(']');
            return;
        }
        if (type.IsNested) AppendType(key, type.DeclaringType!);
        key.Append(type.IsNested ? "+" : type.Namespace is { } ns ? ns + "." : "");

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        key.Append(tick < 0 ? name : name[..tick]);
        if (!type.IsGenericType) return;

        var arguments = type.GetGenericArguments();
        key.Append('<');
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0) key.Append(',');
            AppendType(key, arguments[i]);
        }
        key.Append('>');
    }
}
