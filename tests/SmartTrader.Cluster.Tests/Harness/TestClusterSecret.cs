namespace SmartTrader.Cluster.Tests;

/// <summary>The <see cref="SmartTrader.Runtime.Cluster.ClusterTransportOptions.Secret"/> every silo these tests start shares.</summary>
internal static class TestClusterSecret
{
    public const string Value = "cluster-tests-shared-secret-0123456789abcdef";
}
