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

    internal void Bind(GrainId grainId, GrainInterfaceInfo grainInterface, GrainCallRouter router)
    {
        GrainId = grainId;
        _interface = grainInterface;
        _router = router;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = _interface!.Methods[targetMethod!];
        return _router!.Invoke(GrainId, method, args ?? []);
    }

    public override string ToString() => GrainId.ToString();
}
