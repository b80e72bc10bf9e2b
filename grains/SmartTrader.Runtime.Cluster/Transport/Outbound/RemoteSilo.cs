using System.Text;

namespace SmartTrader.Runtime.Cluster;

/// <summary>A silo address as the client uses it: parsed once, its wire bytes ready, and the link to its endpoint.</summary>
internal sealed class RemoteSilo(SiloAddress address, ClusterSiloAddress parsed, PeerLink link)
{
    public SiloAddress Address { get; } = address;
    public ClusterSiloAddress Parsed { get; } = parsed;
    public byte[] AddressUtf8 { get; } = Encoding.UTF8.GetBytes(address.Value);
    public PeerLink Link { get; } = link;

    public override string ToString() => Address.Value;
}
