using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Runtime;
using SmartTrader.TestSupport;

namespace SmartTrader.Cluster.Tests;

public sealed class ClusterSiloRegistrationTests
{
    private static readonly Action<ClusterOptions> Cluster = o => { o.ConnectionString = "Host=unused"; o.Host = "127.0.0.1"; o.Port = 12000; };
    private static readonly Action<ClusterTransportOptions> FreePort = o => o.Port = 0;

    private static readonly string[] AllPaths = ["AddClusterSilo", "AddCluster then AddClusterTransport", "AddClusterTransport then AddCluster"];

    public static TheoryData<string> Paths => new(AllPaths);

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_path_makes_the_silo_address_the_transports_bound_endpoint(string path)
    {
        using var provider = Register(path, FreePort).BuildServiceProvider();

        var endpoint = provider.GetRequiredService<ClusterEndpoint>();
        var local = ClusterSiloAddress.Parse(provider.GetRequiredService<ILocalSilo>().Address);
        endpoint.Port.Should().NotBe(0);
        local.Should().Be(endpoint.AddressFor(local.Generation));
        local.Host.Should().Be("127.0.0.1");
        provider.GetRequiredService<IClusterMembership>().LocalSilo.Should().Be(local);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Without_transport_settings_it_listens_on_the_clusters_host_and_port(string path)
    {
        using var provider = Register(path, null).BuildServiceProvider();

        var transport = provider.GetRequiredService<IOptions<ClusterTransportOptions>>().Value;
        transport.Host.Should().Be("127.0.0.1");
        transport.AdvertisedHost.Should().Be("127.0.0.1");
        transport.Port.Should().Be(12000);
    }

    [Fact]
    public void The_paths_register_the_same_services()
    {
        var registrations = AllPaths.Select(p => Describe(Register(p, FreePort))).ToList();

        registrations[1].Should().BeEquivalentTo(registrations[0]);
        registrations[2].Should().BeEquivalentTo(registrations[0]);
    }

    [Fact]
    public void Explicit_transport_settings_win_over_the_clusters_whatever_the_order()
    {
        foreach (var path in AllPaths)
        {
            using var provider = Register(path, o => { o.Host = "0.0.0.0"; o.AdvertisedHost = "silo-a"; o.Port = 0; }).BuildServiceProvider();
            var transport = provider.GetRequiredService<IOptions<ClusterTransportOptions>>().Value;
            transport.Host.Should().Be("0.0.0.0", path);
            transport.AdvertisedHost.Should().Be("silo-a", path);
            ClusterSiloAddress.Parse(provider.GetRequiredService<ILocalSilo>().Address).Host.Should().Be("silo-a", path);
        }
    }

    private static ServiceCollection Register(string path, Action<ClusterTransportOptions>? transport)
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime();
        switch (path)
        {
            case "AddClusterSilo":
                services.AddClusterSilo(Cluster, transport);
                break;
            case "AddCluster then AddClusterTransport":
                services.AddCluster(Cluster);
                services.AddClusterTransport(transport);
                break;
            default:
                services.AddClusterTransport(transport);
                services.AddCluster(Cluster);
                break;
        }
        services.Configure<ClusterTransportOptions>(o => o.Secret = TestClusterSecret.Value);
        return services;
    }

    private static List<string> Describe(IServiceCollection services) =>
        services.Select(d => $"{d.ServiceType.FullName} <- {d.ImplementationType?.FullName ?? "factory or instance"} ({d.Lifetime})")
            .Order(StringComparer.Ordinal).ToList();
}
