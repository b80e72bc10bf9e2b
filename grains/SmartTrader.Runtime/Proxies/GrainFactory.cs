using Microsoft.Extensions.DependencyInjection;

namespace SmartTrader.Runtime;

/// <summary>Creates grain references; the grain type comes from the class implementing the interface.</summary>
internal sealed class GrainFactory(GrainTypeRegistry registry, IServiceProvider services) : IGrainFactory
{
    // The router depends on the catalog, whose activations depend on this factory: resolve it on first use.
    private GrainCallRouter? _router;

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var grainInterface = registry.InterfaceOf(typeof(TGrainInterface));
        var grainId = new GrainId(grainInterface.Implementation.GrainType, key);
        return (TGrainInterface)(object)GrainProxy.Bind(grainId, grainInterface, _router ??= services.GetRequiredService<GrainCallRouter>());
    }
}
