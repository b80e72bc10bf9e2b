using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Runtime.Storage.Hosting;
using SmartTrader.TestSupport;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>
/// N real silos in this test process, each its own host and service provider on its own port, sharing one fresh
/// PostgreSQL database (membership, directory, grain state, reminders). Silos can be killed (abruptly), stopped
/// (gracefully), restarted on their endpoint and added; <see cref="WaitForStableAsync"/> waits until the running silos
/// agree on one membership view that lists exactly them.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestPostgres _database;
    private readonly TestClusterOptions _options;
    private readonly List<TestSilo> _silos = [];
    private readonly List<TestSilo> _previousLives = [];

    private TestCluster(TestPostgres database, TestClusterOptions options)
    {
        _database = database;
        _options = options;
    }

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The current life of each silo, by index (including killed and stopped ones).</summary>
    public IReadOnlyList<TestSilo> Silos => _silos;

    public IEnumerable<TestSilo> Running => _silos.Where(s => s.IsRunning);

    public TestSilo this[int index] => _silos[index];

    public IGrainFactory GrainFactory(int index) => _silos[index].Grains;

    public static async Task<TestCluster> StartAsync(int silos, TestClusterOptions? options = null)
    {
        var cluster = new TestCluster(await TestPostgres.CreateDatabaseAsync(), options ?? new TestClusterOptions());
        try
        {
            for (var i = 0; i < silos; i++) await cluster.StartAdditionalAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Starts one more silo, on a new port, and returns it once it is Active.</summary>
    public async Task<TestSilo> StartAdditionalAsync()
    {
        var silo = Build(_silos.Count, FreePort());
        _silos.Add(silo);
        await silo.StartAsync(_options.Transport);
        return silo;
    }

    /// <summary>Abrupt death: heartbeats, transport, timers stop at once; the membership table is not told.</summary>
    public void Kill(int index) => _silos[index].Kill(_options.Transport);

    /// <summary>Graceful stop: the silo hands its grains off and marks itself Dead before it stops answering.</summary>
    public Task StopAsync(int index) => _silos[index].StopAsync();

    /// <summary>Starts a new life (new generation) of a killed or stopped silo on its old endpoint.</summary>
    public async Task<TestSilo> RestartAsync(int index)
    {
        var previous = _silos[index];
        if (previous.IsRunning) throw new InvalidOperationException($"Kill or stop {previous} before restarting it.");
        _previousLives.Add(previous);
        var silo = Build(index, previous.Port);
        _silos[index] = silo;
        await silo.StartAsync(_options.Transport);
        return silo;
    }

    /// <summary>
    /// Waits until every running silo holds the same membership version, in which exactly the running silos are live,
    /// all of them Active.
    /// </summary>
    public async Task WaitForStableAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!IsStable())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The cluster did not settle: " + string.Join("; ", Running.Select(s => $"{s.Index} sees {s.Membership.Current}")));
            await Task.Delay(50);
        }
    }

    public bool IsStable()
    {
        var running = Running.ToList();
        if (running.Count == 0) return true;
        var expected = running.Select(s => s.Address).ToHashSet();
        var views = running.Select(s => s.Membership.Current).ToList();
        return views.Select(v => v.Version).Distinct().Count() == 1
            && views[0].Silos.Where(s => s.IsLive).Select(s => s.Address).ToHashSet().SetEquals(expected)
            && views[0].Silos.Where(s => s.IsLive).All(s => s.Status == SiloStatus.Active);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_silos.Concat(_previousLives).Select(s => s.DisposeAsync()));
        await _database.DisposeAsync();
    }

    private TestSilo Build(int index, int port)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var services = builder.Services;
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            if (_options.Output is { } output) logging.AddProvider(new TestOutputLoggerProvider(output, $"silo {index}"));
        });
        services.AddPostgresGrainStorage(_database.ConnectionString);
        services.AddGrainRuntime(o =>
            {
                o.SiloName = $"test-silo-{index}";
                o.CallTimeout = TimeSpan.FromSeconds(10);
            })
            .AddGrainsFrom(typeof(TestCluster).Assembly);
        services.AddCluster(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = port;
            _options.Cluster?.Invoke(o);
        });

        var silo = new TestSilo(index, port);
        _options.Transport.AddTo(services, silo);
        _options.Services?.Invoke(services, silo);
        silo.Host = builder.Build();
        return silo;
    }

    /// <summary>A port free right now on loopback, for a silo's transport to listen on.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
