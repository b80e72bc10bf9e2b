using System.Collections.Concurrent;
using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>The test topology: silos by name; a grain whose key starts with "b:" lives on the silo named "b".</summary>
public sealed class ClusterMap
{
    private readonly ConcurrentDictionary<string, SiloAddress> _silos = new();

    public void Set(string siloName, SiloAddress address) => _silos[siloName] = address;

    public SiloAddress? OwnerOf(GrainId grainId)
    {
        var colon = grainId.Key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && _silos.TryGetValue(grainId.Key[..colon], out var owner) ? owner : null;
    }
}

/// <summary>Test-only placement: the owner named by the key's prefix, else this silo.</summary>
internal sealed class StaticPlacement(ClusterMap map, ILocalSilo localSilo) : IGrainPlacement
{
    public SiloAddress GetOwner(GrainId grainId) => map.OwnerOf(grainId) ?? localSilo.Address;
}

/// <summary>Test-only local silo: the transport's bound endpoint and a generation the test chooses.</summary>
internal sealed class TestLocalSilo(SmartTrader.Runtime.Cluster.ClusterEndpoint endpoint, long generation) : ILocalSilo
{
    public SiloAddress Address { get; } = endpoint.AddressFor(generation).ToSiloAddress();
}
