namespace SmartTrader.Runtime.Cluster;

/// <summary>The runtime's door to other silos: sends a grain call over the transport to the silo placement chose.</summary>
internal sealed class RemoteGrainInvoker(TransportClient client, RemoteMethods methods) : IRemoteGrainInvoker
{
    public Task InvokeAsync(SiloAddress silo, GrainId grainId, GrainMethod method, object?[] arguments, CallContextData? context)
    {
        try
        {
            return methods.For(method).Call(client, client.SiloOf(silo), grainId, arguments, context);
        }
        catch (Exception e)
        {
            return method.Failed(e);
        }
    }
}
