using System.Linq.Expressions;
using System.Reflection;

namespace SmartTrader.Runtime;

/// <summary>Turns an interface method into a <see cref="GrainMethod"/> with a compiled invoker.</summary>
internal static class GrainMethodCompiler
{
    public static GrainMethod Compile(MethodInfo method)
    {
        var where = $"{method.DeclaringType!.FullName}.{method.Name}";
        if (method.IsGenericMethodDefinition)
            throw new InvalidOperationException($"Grain method {where} is generic; grain interfaces may not declare generic methods.");
        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
            throw new InvalidOperationException($"Grain method {where} has a ref/out/in parameter; grain calls pass arguments by value.");

        var returnType = method.ReturnType;
        Type resultType;
        bool isVoid;
        if (returnType == typeof(Task))
        {
            resultType = typeof(object);
            isVoid = true;
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            resultType = returnType.GetGenericArguments()[0];
            isVoid = false;
        }
        else
        {
            throw new InvalidOperationException($"Grain method {where} returns {returnType.Name}; grain methods must return Task or Task<T>.");
        }

        var invoke = CompileInvoker(method);
        var methodType = typeof(GrainMethod<>).MakeGenericType(resultType);
        return (GrainMethod)Activator.CreateInstance(methodType, method, invoke, isVoid)!;
    }

    private static Func<object, object?[], Task> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters().Select((p, i) =>
            Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        var body = Expression.Convert(call, typeof(Task));
        return Expression.Lambda<Func<object, object?[], Task>>(body, grain, arguments).Compile();
    }
}
