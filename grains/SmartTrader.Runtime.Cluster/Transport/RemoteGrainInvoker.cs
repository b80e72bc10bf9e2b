using Microsoft.Extensions.DependencyInjection;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The runtime's door to other silos: sends a grain call over the transport to the silo placement chose. In a cluster
/// silo, a call that finds its silo unreachable, replaced or not serving makes placement forget that silo as the grain's holder,
/// so the caller's retry asks placement afresh.
/// </summary>
internal sealed class RemoteGrainInvoker(TransportClient client, RemoteMethods methods, IServiceProvider services) : IRemoteGrainInvoker
{
    private readonly ClusterPlacement? _placement = services.GetService<ClusterPlacement>();

    public Task InvokeAsync(SiloAddress silo, GrainId grainId, GrainMethod method, object?[] arguments, CallContextData? context)
    {
        try
        {
            return methods.For(method).Call(client, client.SiloOf(silo), grainId, arguments, context, _placement);
        }
        catch (Exception e)
        {
            return method.Failed(e);
        }
    }
}
