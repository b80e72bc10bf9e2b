using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Transport;

public sealed record ContextSeen(string Silo, string? CorrelationId, string? User);

/// <summary>Reports the call context it sees, after calling the next grains in the chain.</summary>
public interface IContextGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<ContextSeen>> Relay(string[] nextKeys);
}

public sealed class ContextGrain(ILocalSilo silo) : Grain, IContextGrain
{
    public async Task<IReadOnlyList<ContextSeen>> Relay(string[] nextKeys)
    {
        var here = new ContextSeen(silo.Address.Value, RequestContext.CorrelationId, RequestContext.User);
        if (nextKeys.Length == 0) return [here];
        var rest = await GrainFactory.GetGrain<IContextGrain>(nextKeys[0]).Relay(nextKeys[1..]);
        var after = new ContextSeen(silo.Address.Value, RequestContext.CorrelationId, RequestContext.User);
        return [here, .. rest, after];
    }
}
