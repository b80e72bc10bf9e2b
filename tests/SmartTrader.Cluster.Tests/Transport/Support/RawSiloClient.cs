using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>Speaks to a silo's listener byte by byte, for tests of what it refuses.</summary>
internal static class RawSiloClient
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }

    /// <summary>TLS to the listener as a silo would open it, and nothing more: no proof of the secret yet.</summary>
    public static async Task<SslStream> ConnectTlsAsync(int port)
    {
        var tls = new SslStream(new NetworkStream(await ConnectAsync(port), ownsSocket: true));
        await tls.AuthenticateAsClientAsync(SiloCertificate.ClientOptions()).WaitAsync(Patience);
        return tls;
    }

    public static async Task<bool> ReadExactly(Stream stream, byte[] buffer)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(Patience);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    /// <summary>True when the peer closed the connection (cleanly, or with a reset or alert because it refused us).</summary>
    public static async Task<bool> HungUp(Stream stream)
    {
        try
        {
            return await stream.ReadAsync(new byte[64].AsMemory()).AsTask().WaitAsync(Patience) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
