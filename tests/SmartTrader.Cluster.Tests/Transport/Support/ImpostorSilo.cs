using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>A listener that completes TLS with a certificate of its own, as anything in the middle could, but holds no secret.</summary>
internal sealed class ImpostorSilo : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly SiloCertificate _certificate = SiloCertificate.Create();

    private ImpostorSilo() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static ImpostorSilo Start() => new();

    /// <summary>The next connection, with TLS done: what the caller sends from here on is readable.</summary>
    public async Task<SslStream> AcceptTlsAsync()
    {
        var socket = await _listener.AcceptSocketAsync().WaitAsync(RawSiloClient.Patience);
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
        await tls.AuthenticateAsServerAsync(_certificate.ServerOptions).WaitAsync(RawSiloClient.Patience);
        return tls;
    }

    public ValueTask DisposeAsync()
    {
        _listener.Stop();
        _certificate.Dispose();
        return ValueTask.CompletedTask;
    }
}
