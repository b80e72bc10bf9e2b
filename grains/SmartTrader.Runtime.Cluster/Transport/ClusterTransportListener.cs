using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Accepts connections from other silos on <see cref="ClusterEndpoint"/> and serves their calls through the local
/// catalog. Stopping closes the listener, every inbound connection (callers see <see cref="SiloUnavailableException"/>)
/// and this silo's outbound connections.
/// </summary>
internal sealed class ClusterTransportListener(
    ClusterEndpoint endpoint, CallDispatcher dispatcher, TransportClient client, SiloHandshake handshake,
    IOptions<ClusterTransportOptions> options, ILogger<ClusterTransportListener> logger) : IHostedService
{
    private readonly ConcurrentDictionary<InboundConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _accepting = Task.CompletedTask;
    private readonly Lock _lifecycle = new();
    private bool _started;

    public int ConnectionCount => _connections.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    /// <summary>Starts accepting (once). A cluster silo calls it before joining, whatever the order of registration.</summary>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_started || _stopping.IsCancellationRequested) return;
            _started = true;
        }
        dispatcher.Prepare();
        var socket = endpoint.Socket;
        _accepting = AcceptAsync(socket, _stopping.Token);
        logger.Listening(endpoint.ToString(), dispatcher.LocalAddress);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Abort();
        await _accepting.ConfigureAwait(false);
    }

    /// <summary>
    /// Stops answering at once: closes the listening socket, every inbound connection (their callers see
    /// <see cref="SiloUnavailableException"/>) and this silo's outbound connections.
    /// </summary>
    public void Abort()
    {
        lock (_lifecycle) _stopping.Cancel();
        endpoint.Dispose();
        foreach (var connection in _connections.Keys) connection.Close();
        client.CloseAll();
    }

    private async Task AcceptAsync(Socket listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                logger.AcceptFailed(e);
                continue;
            }
            socket.NoDelay = true;
            _ = HandshakeAsync(socket, stopping);
        }
    }

    private async Task HandshakeAsync(Socket socket, CancellationToken stopping)
    {
        var remote = socket.RemoteEndPoint?.ToString() ?? "?";
        Stream stream;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            deadline.CancelAfter(options.Value.ConnectTimeout);
            stream = await handshake.AcceptAsync(socket, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.HandshakeFailed(remote, e.Message);
            socket.Dispose();
            return;
        }

        var connection = new InboundConnection(socket, stream, dispatcher);
        _connections[connection] = 0;
        _ = connection.Closed.ContinueWith(static (_, state) =>
        {
            var (connections, closed) = ((ConcurrentDictionary<InboundConnection, byte>, InboundConnection))state!;
            connections.TryRemove(KeyValuePair.Create(closed, (byte)0));
        }, (_connections, connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        connection.Start();
        if (stopping.IsCancellationRequested) connection.Close();
    }
}
