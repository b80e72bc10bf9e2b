using System.Text;

namespace SmartTrader.Rules.Expressions;

/// <summary>C# source text naming a runtime type, fully qualified so generated code cannot pick up a look-alike.</summary>
internal static class TypeNames
{
    public static string CSharp(Type type)
    {
        if (type.IsArray) return CSharp(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (Nullable.GetUnderlyingType(type) is { } underlying) return CSharp(underlying) + "?";
        var text = new StringBuilder("global::");
        Append(text, type, type.IsGenericType ? type.GetGenericArguments() : []);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Type type, Type[] arguments)
    {
        var ownCount = type.IsGenericType ? type.GetGenericArguments().Length : 0;
        if (type.DeclaringType is { } outer)
        {
            var outerCount = outer.IsGenericType ? outer.GetGenericArguments().Length : 0;
            Append(text, outer, arguments[..outerCount]);
            text.Append('.');
            arguments = arguments[outerCount..];
            ownCount -= outerCount;
        }
        else if (!string.IsNullOrEmpty(type.Namespace))
        {
            text.Append(type.Namespace).Append('.');
        }
        var name = type.Name;
        var tick = name.IndexOf('`');
        text.Append(tick < 0 ? name : name[..tick]);
        if (ownCount > 0)
            text.Append('<').Append(string.Join(", ", arguments[..ownCount].Select(CSharp))).Append('>');
    }
}
