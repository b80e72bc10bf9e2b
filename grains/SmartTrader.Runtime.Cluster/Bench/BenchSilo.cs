using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SmartTrader.Runtime.Cluster.Bench;

/// <summary>
/// A silo for the benchmark: its own host on 127.0.0.1 with an ephemeral port, memory storage, and a placement that
/// puts every grain on the silo <c>owner()</c> names (itself when it returns null).
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host)
    {
        _host = host;
        Address = host.Services.GetRequiredService<ILocalSilo>().Address;
    }

    public SiloAddress Address { get; }
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchSilo> StartAsync(string name, long generation, Func<SiloAddress?> owner, CancellationToken cancellationToken)
    {
        var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddGrainRuntime(o => o.SiloName = name)
                    .AddGrainsFrom(typeof(CrossSiloBenchGrain).Assembly)
                    .UseInMemoryStorage()
                    .AddClusterTransport(o =>
                    {
                        o.Host = "127.0.0.1";
                        o.Port = 0;
                        o.Secret = BenchClusterSecret.Value;
                    });
                services.AddSingleton<ILocalSilo>(sp => new FixedSilo(sp.GetRequiredService<ClusterEndpoint>().AddressFor(generation).ToSiloAddress()));
                services.AddSingleton<IGrainPlacement>(sp => new FixedPlacement(owner, sp.GetRequiredService<ILocalSilo>().Address));
            })
            .Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
    }

    private sealed class FixedSilo(SiloAddress address) : ILocalSilo
    {
        public SiloAddress Address { get; } = address;
    }

    private sealed class FixedPlacement(Func<SiloAddress?> owner, SiloAddress local) : IGrainPlacement
    {
        public SiloAddress GetOwner(GrainId grainId) => owner() ?? local;
    }
}
