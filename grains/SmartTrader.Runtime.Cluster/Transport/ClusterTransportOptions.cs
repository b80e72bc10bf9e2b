using System.Text.Json;

namespace SmartTrader.Runtime.Cluster;

/// <summary>Settings of the silo-to-silo transport (section "Cluster:Transport" in configuration).</summary>
public sealed class ClusterTransportOptions
{
    /// <summary>Address the listener binds: an IP address, or "*" / "0.0.0.0" for every interface.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port the listener binds; 0 takes a free port (read it from <see cref="ClusterEndpoint.Port"/>).</summary>
    public int Port { get; set; } = 11111;

    /// <summary>Host name other silos use to reach this one; defaults to <see cref="Host"/>.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Fewest characters <see cref="Secret"/> may have.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>
    /// Shared by every silo of the cluster: a connection opens only when both ends prove they hold it
    /// (<see cref="SiloHandshake"/>). Required; at least <see cref="MinimumSecretLength"/> characters, e.g. from
    /// <c>openssl rand -hex 32</c>. It authenticates silos to each other and vouches for the self-signed certificates
    /// their TLS runs on; TLS encrypts the traffic under keys of its own.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long opening a connection to another silo may take before the call fails.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After a failed connect, calls to that silo fail at once for this long; it doubles on each failure.</summary>
    public TimeSpan ReconnectBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the doubling <see cref="ReconnectBackoff"/>.</summary>
    public TimeSpan MaxReconnectBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Largest frame a silo sends or accepts: a bigger one received is a protocol error that closes the connection, so a
    /// call whose arguments or result would exceed it fails alone with <see cref="MessageTooLargeException"/> instead.
    /// Give every silo the same value (a sender checks its own). At least <see cref="MinimumFrameBytes"/>.
    /// </summary>
    public int MaxFrameBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Room for any fixed-size frame and for an error response with a shortened message.</summary>
    public const int MinimumFrameBytes = 4 * 1024;

    /// <summary>
    /// Most bytes of frames that may wait to be sent on one connection. A peer that stops reading (its process frozen,
    /// its host swapping) would otherwise make the queue grow until it is declared dead; past this limit the connection
    /// is closed, its calls fail with <see cref="SiloUnavailableException"/>, and the next call connects afresh. At
    /// least <see cref="MaxFrameBytes"/> and a frame's length prefix.
    /// </summary>
    public long MaxQueuedSendBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>How arguments, results and exception payloads are serialized. Both ends must agree.</summary>
    public JsonSerializerOptions Json { get; set; } = GrainStateJson.Options;

    /// <summary>Which exception types are rebuilt on the caller's side, and how their extra data travels.</summary>
    public RemoteExceptionCodecs Exceptions { get; } = new();

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrEmpty(Secret))
            yield return "Cluster:Transport:Secret is required: silos accept connections only from silos that hold the same secret. " +
                         $"Give every silo the same value of at least {MinimumSecretLength} characters (e.g. `openssl rand -hex 32`; " +
                         "environment: Cluster__Transport__Secret).";
        else if (Secret.Length < MinimumSecretLength)
            yield return $"Cluster:Transport:Secret has {Secret.Length} characters; it needs at least {MinimumSecretLength} (e.g. `openssl rand -hex 32`).";
        if (MaxFrameBytes < MinimumFrameBytes)
            yield return $"Cluster:Transport:MaxFrameBytes ({MaxFrameBytes:N0}) is below the minimum of {MinimumFrameBytes:N0}.";
        if (MaxQueuedSendBytes < MaxFrameBytes + WireProtocol.LengthPrefixBytes)
            yield return $"Cluster:Transport:MaxQueuedSendBytes ({MaxQueuedSendBytes:N0}) is less than MaxFrameBytes ({MaxFrameBytes:N0}) " +
                         $"and its {WireProtocol.LengthPrefixBytes}-byte length prefix: a connection must be able to queue the largest frame it may send.";
    }
}
