using System.Security.Cryptography;

namespace SmartTrader.Runtime.Cluster.Bench;

/// <summary>The secret the silos a bench starts share (<see cref="ClusterTransportOptions.Secret"/>): fresh for each bench process.</summary>
public static class BenchClusterSecret
{
    public static string Value { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
}
