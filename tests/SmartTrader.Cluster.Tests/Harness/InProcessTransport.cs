using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>
/// TEST ONLY. A stand-in for the TCP transport between silos of one test process: a call is handed, by address, to the
/// target silo's <see cref="InboundGrainCalls"/> (arguments and results are shared references, not serialized), and a
/// probe answers whether that silo is up. A silo that is down fails calls at once, like a refused connection.
/// </summary>
public sealed class InProcessTransport : ITestClusterTransport
{
    private readonly ConcurrentDictionary<SiloAddress, TestSilo> _up = new();

    public void AddTo(IServiceCollection services, TestSilo silo)
    {
        services.AddSingleton<IRemoteGrainInvoker>(new Invoker(this));
        services.AddSingleton<ISiloProbe>(new Probe(this));
    }

    public void Up(TestSilo silo) => _up[silo.Address.ToSiloAddress()] = silo;

    public void Down(TestSilo silo) => _up.TryRemove(silo.Address.ToSiloAddress(), out _);

    private sealed class Invoker(InProcessTransport transport) : IRemoteGrainInvoker
    {
        public Task InvokeAsync(SiloAddress silo, GrainId grainId, GrainMethod method, object?[] arguments, CallContextData? context) =>
            transport._up.TryGetValue(silo, out var target)
                ? target.Inbound.InvokeAsync(grainId, method, arguments, context)
                : method.Failed(new SiloUnreachableException(silo));
    }

    private sealed class Probe(InProcessTransport transport) : ISiloProbe
    {
        public Task<bool> ProbeAsync(ClusterSiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken) =>
            Task.FromResult(transport._up.ContainsKey(silo.ToSiloAddress()));
    }
}

/// <summary>TEST ONLY. What <see cref="InProcessTransport"/> fails a call with when the target silo is down.</summary>
public sealed class SiloUnreachableException(SiloAddress silo) : Exception($"Silo {silo} is unreachable.");
