namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Where the transport hands calls that other silos sent to this one. The call runs in the local catalog, whose
/// directory check forwards it if another silo holds the grain; a silo that is not serving refuses it.
/// </summary>
public sealed class InboundGrainCalls
{
    private readonly GrainCatalog _catalog;
    private readonly ClusterMembership _membership;
    private readonly ClusterPlacement _placement;

    internal InboundGrainCalls(GrainCatalog catalog, ClusterMembership membership, ClusterPlacement placement)
    {
        _catalog = catalog;
        _membership = membership;
        _placement = placement;
    }

    /// <summary>Whether this silo serves calls now; probes report it.</summary>
    internal bool IsServing => _membership.IsServing;

    /// <summary>Runs the call under the caller's context; the task has the method's return type and faults, never throws.</summary>
    public Task InvokeAsync(GrainId grainId, GrainMethod method, object?[] arguments, CallContextData? context)
    {
        var callerContext = RequestContext.Current;
        RequestContext.Current = context;
        try
        {
            return Invoke(grainId, method, arguments);
        }
        finally
        {
            RequestContext.Current = callerContext;
        }
    }

    /// <summary>The silo this one passes the grain's calls on to, as far as it knows; null when it hosts the grain (or would).</summary>
    internal SiloAddress? HolderElsewhere(GrainId grainId) =>
        _placement.Cache.TryGet(grainId, out var holder) && holder != _membership.Address ? holder : null;

    /// <summary>Runs the call under the current call context; the task faults, never throws.</summary>
    internal Task Invoke(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        try
        {
            _membership.ThrowIfFenced();
            return _catalog.Invoke(grainId, method, arguments);
        }
        catch (Exception e)
        {
            return method.Failed(e);
        }
    }
}
