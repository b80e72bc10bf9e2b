using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The cluster's host and port are the transport's defaults: it listens there and advertises that host. Registered
/// first among the transport's option setups, so the transport's own configuration overrides it whatever the order
/// of <c>AddCluster</c> and <c>AddClusterTransport</c>.
/// </summary>
internal sealed class ClusterTransportDefaults(IOptions<ClusterOptions> cluster) : IConfigureOptions<ClusterTransportOptions>
{
    public void Configure(ClusterTransportOptions options)
    {
        var silo = cluster.Value;
        options.Host = silo.Host;
        options.AdvertisedHost = silo.Host;
        options.Port = silo.Port;
    }
}
