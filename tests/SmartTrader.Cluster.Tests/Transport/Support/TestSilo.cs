using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Runtime;
using SmartTrader.TestSupport;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>A full silo in the test process: its own host, grain runtime, memory storage and transport on 127.0.0.1.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(string name, IHost host)
    {
        Name = name;
        _host = host;
        Address = host.Services.GetRequiredService<ILocalSilo>().Address;
    }

    public string Name { get; }
    public SiloAddress Address { get; }
    public ClusterSiloAddress ClusterAddress => ClusterSiloAddress.Parse(Address);
    public IServiceProvider Services => _host.Services;
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();
    public ISiloProbe Probe => Services.GetRequiredService<ISiloProbe>();
    internal ClusterTransportListener Listener => Services.GetRequiredService<ClusterTransportListener>();
    internal IRemoteGrainInvoker Invoker => Services.GetRequiredService<IRemoteGrainInvoker>();

    public static async Task<TestSilo> StartAsync(
        ClusterMap map, string name, int port = 0, long generation = 1, TimeSpan? callTimeout = null, string? secret = null,
        Action<ClusterTransportOptions>? transport = null)
    {
        var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddGrainRuntime(o =>
                    {
                        o.SiloName = name;
                        o.CallTimeout = callTimeout ?? TimeSpan.FromSeconds(30);
                    })
                    .AddGrainsFrom(typeof(TestSilo).Assembly)
                    .UseInMemoryStorage()
                    .UseInMemoryReminders()
                    .AddClusterTransport(o =>
                    {
                        o.Host = "127.0.0.1";
                        o.Port = port;
                        o.Secret = secret ?? TestClusterSecret.Value;
                        TestExceptions.Register(o.Exceptions);
                        transport?.Invoke(o);
                    });
                services.AddSingleton<ILocalSilo>(sp => new TestLocalSilo(sp.GetRequiredService<ClusterEndpoint>(), generation));
                services.AddSingleton<IGrainPlacement>(sp => new StaticPlacement(map, sp.GetRequiredService<ILocalSilo>()));
            })
            .Build();
        var silo = new TestSilo(name, host);
        map.Set(name, silo.Address);
        await host.StartAsync();
        return silo;
    }

    /// <summary>
    /// Calls a grain on <paramref name="other"/> until one answers, so that a test's short call timeout is not spent on
    /// the first connection (TLS handshake, JIT, first serialization) on a busy host.
    /// </summary>
    public Task ConnectToAsync(TestSilo other) =>
        Eventually.SucceedsAsync(() => Grains.GetGrain<ISlowGrain>($"{other.Name}:connect").Sleep(TimeSpan.Zero), TimeSpan.FromSeconds(60));

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

    public override string ToString() => $"{Name} ({Address})";
}
