using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartTrader.Runtime.Storage.Hosting;

namespace SmartTrader.Runtime.Cluster.Bench;

/// <summary>A full cluster silo for the failover benchmark: PostgreSQL storage and membership, the TCP transport on loopback.</summary>
internal sealed class ClusterBenchSilo
{
    private readonly IHost _host;
    private bool _killed;

    private ClusterBenchSilo(IHost host, int port)
    {
        _host = host;
        Port = port;
    }

    public int Port { get; }
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();
    public int ActiveSilos => _host.Services.GetRequiredService<ClusterMembership>().Current.ActiveSilos.Count;

    public SiloAddress Address => _host.Services.GetRequiredService<ILocalSilo>().Address;

    /// <summary>The silo this silo's placement sends the grain's calls to.</summary>
    public SiloAddress OwnerOf<TGrainInterface>(string key)
    {
        var grainType = _host.Services.GetRequiredService<GrainTypeRegistry>().InterfaceOf(typeof(TGrainInterface)).Implementation.GrainType;
        return _host.Services.GetRequiredService<IGrainPlacement>().GetOwner(new GrainId(grainType, key));
    }

    public static async Task<ClusterBenchSilo> StartAsync(string connectionString, int port, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddPostgresGrainStorage(connectionString);
        builder.Services.AddGrainRuntime(o => o.SiloName = $"bench-{port}").AddGrainsFrom(typeof(FailoverBenchGrain).Assembly);
        builder.Services.AddClusterSilo(
            o => { o.Host = "127.0.0.1"; o.Port = port; o.OnFenced = _ => { }; },
            transport => transport.Secret = BenchClusterSecret.Value);
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ClusterBenchSilo(host, port);
    }

    /// <summary>Dies abruptly: no more heartbeats, its sockets closed, the membership table not told.</summary>
    public void Kill()
    {
        _killed = true;
        _host.Services.GetRequiredService<MembershipAgent>().Halt();
        _host.Services.GetRequiredService<ClusterTransportListener>().Abort();
        _host.Services.GetRequiredService<ReminderService>().Stop();
        _host.Services.GetRequiredService<ActivationCollector>().Stop();
    }

    public async Task DisposeAsync()
    {
        if (!_killed)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _host.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _host.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
