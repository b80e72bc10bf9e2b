namespace SmartTrader.Runtime;

/// <summary>Used until the cluster transport exists: any call placed on another silo fails loudly.</summary>
internal sealed class NoRemoteGrainInvoker : IRemoteGrainInvoker
{
    public Task InvokeAsync(SiloAddress silo, GrainId grainId, GrainMethod method, object?[] arguments, CallContextData? context) =>
        throw new NotSupportedException(
            $"Grain {grainId} is placed on silo '{silo}', but this silo has no transport to other silos " +
            $"(no IRemoteGrainInvoker registered); cannot call {method}.");
}
