using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Runtime.Cluster;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>How <see cref="TestCluster"/> builds its silos.</summary>
public sealed class TestClusterOptions
{
    /// <summary>Applied to every silo's <see cref="ClusterOptions"/> after the harness has set its host and port.</summary>
    public Action<ClusterOptions>? Cluster { get; init; }

    /// <summary>Extra services of every silo (e.g. a shared test sink), applied last.</summary>
    public Action<IServiceCollection, TestSilo>? Services { get; init; }

    public ITestClusterTransport Transport { get; init; } = new TcpTransport();

    /// <summary>Where the silos' logs go (Information and above), prefixed with the silo index.</summary>
    public ITestOutputHelper? Output { get; init; }
}
