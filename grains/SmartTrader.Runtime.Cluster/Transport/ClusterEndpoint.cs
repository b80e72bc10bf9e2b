using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Where this silo's transport listens. The socket is bound on first use, before the listener starts accepting, so
/// that the port (chosen by the system when <see cref="ClusterTransportOptions.Port"/> is 0) is known to whoever builds
/// this silo's address: <c>endpoint.AddressFor(generation)</c>.
/// </summary>
public sealed class ClusterEndpoint(IOptions<ClusterTransportOptions> options) : IDisposable
{
    private const int Backlog = 512;
    private readonly ClusterTransportOptions _options = options.Value;
    private readonly Lock _lock = new();
    private Socket? _socket;
    private bool _disposed;

    /// <summary>The host other silos connect to.</summary>
    public string Host => _options.AdvertisedHost ?? (IsAnyAddress(_options.Host) ? Dns.GetHostName() : _options.Host);

    /// <summary>The bound port (binds now if not yet bound).</summary>
    public int Port => ((IPEndPoint)Socket.LocalEndPoint!).Port;

    public ClusterSiloAddress AddressFor(long generation) => new(Host, Port, generation);

    internal Socket Socket
    {
        get
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _socket ??= Bind();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _socket?.Dispose();
        }
    }

    public override string ToString() => $"{_options.Host}:{(_socket is null ? _options.Port : Port)}";

    private Socket Bind()
    {
        var address = ListenAddress(_options.Host);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, _options.Port));
            socket.Listen(Backlog);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException($"The cluster transport cannot listen on {_options.Host}:{_options.Port}: {e.Message}", e);
        }
    }

    private static IPAddress ListenAddress(string host)
    {
        if (IsAnyAddress(host)) return IPAddress.Any;
        if (IPAddress.TryParse(host, out var address)) return address;
        return Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
    }

    private static bool IsAnyAddress(string host) => host is "*" or "0.0.0.0" or "+";
}
