namespace SmartTrader.TestSupport;

/// <summary>The Cluster:Transport:Secret every silo and clustered server the tests start shares.</summary>
public static class TestClusterSecret
{
    public const string Value = "tests-shared-cluster-secret-0123456789abcdef";
}
