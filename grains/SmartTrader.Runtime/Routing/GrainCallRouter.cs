using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime;

/// <summary>
/// Every grain call passes here: it goes to the local catalog when placement says this silo owns the grain,
/// otherwise to the remote invoker. A grain on every silo goes to the silo its key names, without asking placement.
/// Calls that cannot complete synchronously are bounded by the call timeout.
/// </summary>
internal sealed class GrainCallRouter(
    IGrainPlacement placement,
    ILocalSilo localSilo,
    GrainCatalog catalog,
    GrainTypeRegistry registry,
    IRemoteGrainInvoker remote,
    TimeProvider time,
    IOptions<SiloOptions> options)
{
    private readonly SiloAddress _local = localSilo.Address;
    private readonly TimeSpan _timeout = options.Value.CallTimeout;
    private readonly FrozenSet<string> _onEverySilo = registry.OnEverySilo;

    public Task Invoke(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        try
        {
            var owner = _onEverySilo.Count > 0 && _onEverySilo.Contains(grainId.Type) ? new SiloAddress(grainId.Key) : placement.GetOwner(grainId);
            var call = owner == _local
                ? catalog.Invoke(grainId, method, arguments)
                : remote.InvokeAsync(owner, grainId, method, arguments, RequestContext.Current);
            return call.IsCompleted ? call : method.WithTimeout(call, grainId, _timeout, time);
        }
        catch (Exception e)
        {
            return method.Failed(e);
        }
    }
}
