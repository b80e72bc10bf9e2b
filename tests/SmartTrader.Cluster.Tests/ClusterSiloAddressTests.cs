using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests;

public class ClusterSiloAddressTests
{
    [Fact]
    public void Round_trips_through_the_silo_address()
    {
        var address = new ClusterSiloAddress("10.0.0.7", 11111, 638_900_000_000L);

        ClusterSiloAddress.Parse(address.ToSiloAddress()).Should().Be(address);
        address.ToString().Should().Be("10.0.0.7:11111@638900000000");
    }

    [Theory]
    [InlineData("silo-1")]
    [InlineData("host:port@1")]
    [InlineData("host:1@")]
    [InlineData(":1@2")]
    public void Refuses_what_is_not_host_port_generation(string text)
    {
        ClusterSiloAddress.TryParse(text, out _).Should().BeFalse();
        FluentActions.Invoking(() => ClusterSiloAddress.Parse(new SiloAddress(text))).Should().Throw<FormatException>();
    }
}
