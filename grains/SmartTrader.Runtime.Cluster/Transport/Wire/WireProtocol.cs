namespace SmartTrader.Runtime.Cluster;

/// <summary>Constants shared by both ends of a connection.</summary>
internal static class WireProtocol
{
    /// <summary>Sent once by the connecting side, opening <see cref="SiloHandshake"/>: "STX" and the protocol version.</summary>
    public static ReadOnlySpan<byte> Preamble => "STX\u0005"u8;

    /// <summary>Each frame starts with its length (of what follows the length field), little-endian.</summary>
    public const int LengthPrefixBytes = 4;

    /// <summary>Sent as the timeout of a request that has no deadline.</summary>
    public const int NoDeadline = -1;
}
