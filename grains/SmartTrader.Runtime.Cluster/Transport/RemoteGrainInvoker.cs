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
        Task call;
        try
        {
            call = methods.For(method).Call(client, client.SiloOf(silo), grainId, arguments, context);
        }
        catch (Exception e)
        {
            call = method.Failed(e);
        }
        if (_placement is null || call.IsCompletedSuccessfully) return call;
        if (call.IsCompleted) ForgetHolderIfGone(call, grainId, silo);
        else call.ContinueWith((done, _) => ForgetHolderIfGone(done, grainId, silo), null,
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return call;
    }

    private void ForgetHolderIfGone(Task call, GrainId grainId, SiloAddress silo)
    {
        if (call.Exception?.InnerException is SiloUnavailableException or NotThisSiloException or SiloNotServingException) _placement!.Forget(grainId, silo);
    }
}
