using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>
/// Calls a counter grain in one silo's own catalog, as if another silo had sent the call there: bypasses the caller's
/// placement, to provoke concurrent activations across silos.
/// </summary>
public static class DirectCalls
{
    public static Task<Guid> ActivationIdOn(TestSilo silo, string key) => (Task<Guid>)Invoke(silo, key, nameof(ICounterGrain.ActivationId));

    public static Task<int> IncrementOn(TestSilo silo, string key) => (Task<int>)Invoke(silo, key, nameof(ICounterGrain.Increment));

    public static Task<int> GetOn(TestSilo silo, string key) => (Task<int>)Invoke(silo, key, nameof(ICounterGrain.Get));

    private static Task Invoke(TestSilo silo, string key, string methodName)
    {
        var grainInterface = silo.Services.GetRequiredService<GrainTypeRegistry>().InterfaceOf(typeof(ICounterGrain));
        var method = grainInterface.Methods[typeof(ICounterGrain).GetMethod(methodName)!];
        return silo.Inbound.InvokeAsync(new GrainId(grainInterface.Implementation.GrainType, key), method, [], null);
    }
}
