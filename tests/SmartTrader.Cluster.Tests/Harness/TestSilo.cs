using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>One silo of a <see cref="TestCluster"/>: its own host and service provider, its own port.</summary>
public sealed class TestSilo
{
    private int _killed;
    private IHost? _host;

    internal TestSilo(int index, int port)
    {
        Index = index;
        Port = port;
    }

    public int Index { get; }
    public int Port { get; }

    /// <summary>Built after the silo's services are registered, which may already refer to this silo.</summary>
    public IHost Host
    {
        get => _host ?? throw new InvalidOperationException($"The host of silo {Index} is not built yet.");
        internal set => _host = value;
    }

    public IServiceProvider Services => Host.Services;

    public IClusterMembership Membership => Services.GetRequiredService<IClusterMembership>();
    public ClusterSiloAddress Address => Membership.LocalSilo;
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();
    public IGrainRuntimeDiagnostics Diagnostics => Services.GetRequiredService<IGrainRuntimeDiagnostics>();
    public InboundGrainCalls Inbound => Services.GetRequiredService<InboundGrainCalls>();

    /// <summary>Completes when the host has stopped: gracefully, or by itself after the silo was fenced.</summary>
    public Task Stopped { get; private set; } = Task.CompletedTask;

    public bool IsKilled => Volatile.Read(ref _killed) == 1;

    /// <summary>Started, and neither killed nor stopped (by the test or by itself).</summary>
    public bool IsRunning => !IsKilled && !Stopped.IsCompleted;

    public override string ToString() => $"silo {Index} ({Address})";

    /// <summary>Runs the host like Host.RunAsync: started, then stopped once anything calls StopApplication.</summary>
    internal async Task StartAsync(ITestClusterTransport transport)
    {
        transport.Up(this);
        await Host.StartAsync();
        Stopped = Host.WaitForShutdownAsync().ContinueWith(_ => transport.Down(this), TaskScheduler.Default);
    }

    internal async Task StopAsync()
    {
        Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await Stopped;
    }

    /// <summary>
    /// Abrupt death: no more heartbeats, calls or probes answered, timers or reminders fired, and nothing written to the
    /// membership table. The host is left as a frozen process would be, and only disposed with the cluster.
    /// </summary>
    internal void Kill(ITestClusterTransport transport)
    {
        if (Interlocked.Exchange(ref _killed, 1) == 1) return;
        Services.GetRequiredService<MembershipAgent>().Halt();
        transport.Down(this);
        Services.GetRequiredService<ReminderService>().Stop();
        Services.GetRequiredService<ActivationCollector>().Stop();
    }

    internal async Task DisposeAsync()
    {
        if (_host is null) return;
        if (IsRunning)
        {
            Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await Stopped.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (Host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else Host.Dispose();
    }
}
