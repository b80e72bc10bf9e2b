using Microsoft.Extensions.DependencyInjection;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>
/// How the harness gives each silo its silo-to-silo transport (<see cref="SmartTrader.Runtime.IRemoteGrainInvoker"/> and
/// <see cref="SmartTrader.Runtime.Cluster.ISiloProbe"/>). The default is <see cref="TcpTransport"/>, the real one; another
/// implementation (a fault-injecting one, say) goes in <see cref="TestClusterOptions.Transport"/>.
/// </summary>
public interface ITestClusterTransport
{
    /// <summary>Registers the transport in the services of a silo about to start on <see cref="TestSilo.Port"/>.</summary>
    void AddTo(IServiceCollection services, TestSilo silo);

    /// <summary>The silo's host was built: from now on it answers calls and probes.</summary>
    void Up(TestSilo silo);

    /// <summary>The silo was killed or has stopped: from now on it answers nothing, at once.</summary>
    void Down(TestSilo silo);
}
