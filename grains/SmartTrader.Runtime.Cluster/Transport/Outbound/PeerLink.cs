using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// This silo's connection to one remote endpoint (host:port), shared by every generation that listens there. It
/// connects on first use and again after a loss; after a failed connect, calls fail at once until the backoff passes.
/// </summary>
internal sealed class PeerLink(string host, int port, TransportClient client)
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private volatile OutboundConnection? _connection;
    private long _retryAfter;
    private TimeSpan _backoff = client.Options.ReconnectBackoff;

    public string Endpoint { get; } = $"{host}:{port}";

    /// <summary>The open connection, if there is one.</summary>
    public OutboundConnection? Current => _connection is { IsClosed: false } connection ? connection : null;

    public async Task<OutboundConnection> ConnectAsync(SiloAddress silo, bool respectBackoff, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Current is { } open) return open;
            var time = client.Time;
            if (respectBackoff && time.GetTimestamp() < Volatile.Read(ref _retryAfter))
                throw new SiloUnavailableException(silo,
                    $"Silo {silo} is unreachable: the last attempt to connect to {Endpoint} failed; the next one is allowed after {_backoff}.");

            var connection = await OpenAsync(silo, timeout, cancellationToken).ConfigureAwait(false);
            _backoff = client.Options.ReconnectBackoff;
            _connection = connection;
            return connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public void Close() => _connection?.Close();

    private async Task<OutboundConnection> OpenAsync(SiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Stream stream;
        try
        {
            await socket.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            stream = await client.Handshake.ConnectAsync(socket, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            socket.Dispose();
            Volatile.Write(ref _retryAfter, client.Time.GetTimestamp() + (long)(_backoff.TotalSeconds * client.Time.TimestampFrequency));
            _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, client.Options.MaxReconnectBackoff.Ticks));
            if (cancellationToken.IsCancellationRequested) throw;
            var why = e is OperationCanceledException ? $"no connection within {timeout}" : e.Message;
            client.Logger.ConnectFailed(Endpoint, silo, why);
            throw new SiloUnavailableException(silo, $"Could not connect to silo {silo} at {Endpoint}: {why}.", e);
        }

        var connection = new OutboundConnection(socket, stream, Endpoint, client.Options, client.Time, client.ExpiryCheck, client.Logger);
        connection.Start();
        client.Logger.Connected(Endpoint);
        return connection;
    }
}
