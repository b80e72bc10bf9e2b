namespace SmartTrader.Server.Tests.Support;

/// <summary>The Cluster:Transport:Secret every clustered server these tests start shares.</summary>
internal static class TestClusterSecret
{
    public const string Value = "server-tests-cluster-secret-0123456789abcdef";
}
