using System.Reflection;

namespace SmartTrader.Runtime;

/// <summary>A grain interface, the class implementing it and its prepared methods. Built once per interface.</summary>
internal sealed class GrainInterfaceInfo(Type @interface, GrainClassInfo implementation, IReadOnlyDictionary<MethodInfo, GrainMethod> methods)
{
    public Type Interface { get; } = @interface;
    public GrainClassInfo Implementation { get; } = implementation;
    public IReadOnlyDictionary<MethodInfo, GrainMethod> Methods { get; } = methods;

    /// <summary>An unbound reference of the generated proxy type; new references are clones of it (see <see cref="GrainProxy"/>).</summary>
    public GrainProxy Prototype { get; } = (GrainProxy)DispatchProxy.Create(@interface, typeof(GrainProxy));
}
