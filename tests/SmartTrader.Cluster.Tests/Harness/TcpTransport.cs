using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Runtime.Cluster;
using SmartTrader.TestSupport;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>
/// The real silo-to-silo transport: each silo listens on its own loopback port (<see cref="TestSilo.Port"/>). Down
/// closes the listener and every connection of the silo at once, as a dying process's sockets are closed.
/// </summary>
public sealed class TcpTransport : ITestClusterTransport
{
    public void AddTo(IServiceCollection services, TestSilo silo) =>
        services.AddClusterTransport(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = silo.Port;
            o.Secret = TestClusterSecret.Value;
        });

    public void Up(TestSilo silo)
    {
    }

    public void Down(TestSilo silo) => silo.Services.GetRequiredService<ClusterTransportListener>().Abort();
}
