using System.Reflection;

namespace SmartTrader.Runtime;

/// <summary>
/// Base of the generated grain references. A reference holds only the grain id and the prepared interface
/// metadata; each call looks up its precompiled <see cref="GrainMethod"/> and hands it to the router.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private GrainInterfaceInfo? _interface;
    private GrainCallRouter? _router;

    public GrainId GrainId { get; private set; }

    /// <summary>
    /// A new reference: a shallow copy of the interface's prototype, bound to one grain. Creating proxies through
    /// DispatchProxy.Create on every GetGrain went through reflection caches the GC drops.
    /// </summary>
    internal static GrainProxy Bind(GrainId grainId, GrainInterfaceInfo grainInterface, GrainCallRouter router)
    {
        var proxy = (GrainProxy)grainInterface.Prototype.MemberwiseClone();
        proxy.GrainId = grainId;
        proxy._interface = grainInterface;
        proxy._router = router;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = _interface!.Methods[targetMethod!];
        return _router!.Invoke(GrainId, method, args ?? []);
    }

    public override string ToString() => GrainId.ToString();
}
