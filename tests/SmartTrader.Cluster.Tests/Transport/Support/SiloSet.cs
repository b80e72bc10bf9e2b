using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>The silos one test starts, on one <see cref="ClusterMap"/>; disposing it stops them all.</summary>
public sealed class SiloSet : IAsyncLifetime
{
    private readonly List<TestSilo> _silos = [];

    public ClusterMap Map { get; } = new();

    public async Task<TestSilo> StartAsync(
        string name, int port = 0, long generation = 1, string? secret = null, Action<ClusterTransportOptions>? transport = null)
    {
        var silo = await TestSilo.StartAsync(Map, name, port, generation, secret: secret, transport: transport);
        _silos.Add(silo);
        return silo;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
    }
}
