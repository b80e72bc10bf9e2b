using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// A connection this silo opened to another silo's listener: it sends requests and pings, matches answers to them by
/// id, fails them all with <see cref="SiloUnavailableException"/> when the connection is lost, and times out the ones
/// whose caller stopped waiting (telling the callee with a cancel frame).
/// </summary>
internal sealed class OutboundConnection : FrameConnection
{
    private readonly ConcurrentDictionary<long, PendingOperation> _pending = new();
    private readonly string _endpoint;
    private readonly ClusterTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _expiry;

    public OutboundConnection(
        Socket socket, Stream stream, string endpoint, ClusterTransportOptions options, TimeProvider time, TimeSpan expiryCheck, ILogger logger)
        : base(socket, stream, options)
    {
        _endpoint = endpoint;
        _options = options;
        _time = time;
        _logger = logger;
        _expiry = time.CreateTimer(static state => ((OutboundConnection)state!).ExpireOverdue(), this, expiryCheck, expiryCheck);
    }

    public int PendingCount => _pending.Count;

    public void Send(PendingOperation operation, RemoteSilo silo)
    {
        if (RemainingMilliseconds(operation) is var remaining && remaining == 0)
        {
            operation.TimedOut();
            return;
        }

        FrameBuffer frame;
        try
        {
            frame = operation.BuildFrame(silo, remaining, _options);
        }
        catch (Exception e)
        {
            operation.Fail(e);
            return;
        }

        _pending[operation.Id] = operation;
        var queued = Send(frame);
        if (!queued || IsClosed)
        {
            if (Forget(operation)) operation.Fail(queued ? Lost(operation.Target, CloseReason) : NotSent(operation.Target, CloseReason));
            return;
        }
        operation.Attached(this);
    }

    /// <summary>Stops waiting for an answer; false when it already came (or the operation already failed).</summary>
    public bool Forget(PendingOperation operation) => _pending.TryRemove(KeyValuePair.Create(operation.Id, operation));

    public void SendCancel(long id)
    {
        var frame = FrameBuffer.Start(FrameKind.Cancel);
        frame.WriteInt64(id);
        Send(frame);
    }

    /// <summary>Fails, and cancels at the callee, every operation still waiting on <paramref name="silo"/>.</summary>
    public void Abandon(SiloAddress silo, string reason)
    {
        foreach (var (id, operation) in _pending)
        {
            if (operation.Target != silo || !Forget(operation)) continue;
            operation.Fail(new SiloUnavailableException(silo, reason));
            if (operation.CancelsRemotely) SendCancel(id);
        }
    }

    protected override void OnFrame(FrameKind kind, ReadOnlySpan<byte> body)
    {
        if (kind is not (FrameKind.Response or FrameKind.Pong))
            throw new InvalidDataException($"A silo's listener sent a {kind} frame; it only answers requests and pings.");
        var reader = new FrameReader(body);
        var id = reader.ReadInt64();
        var status = (ResponseStatus)reader.ReadByte();
        if (_pending.TryRemove(id, out var operation)) operation.Complete(status, ref reader, _options);
    }

    protected override void OnClosed(Exception? reason)
    {
        _expiry.Dispose();
        if (reason is null) _logger.OutboundConnectionClosed(_endpoint, _pending.Count);
        else _logger.OutboundConnectionLost(reason, _endpoint, _pending.Count);
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var operation)) operation.Fail(Lost(operation.Target, reason));
    }

    private SiloUnavailableException Lost(SiloAddress silo, Exception? reason) =>
        new(silo, $"The connection to silo {silo} ({_endpoint}) was lost before the answer came" +
                  (reason is null ? "." : $": {reason.Message}"), reason);

    private SiloUnavailableException NotSent(SiloAddress silo, Exception? reason) =>
        new(silo, $"The connection to silo {silo} ({_endpoint}) is closed; the call was not sent" +
                  (reason is null ? "." : $": {reason.Message}"), reason);

    private int RemainingMilliseconds(PendingOperation operation)
    {
        if (operation.Deadline == long.MaxValue) return WireProtocol.NoDeadline;
        var remaining = _time.GetElapsedTime(_time.GetTimestamp(), operation.Deadline);
        return remaining <= TimeSpan.Zero ? 0 : (int)Math.Clamp(Math.Ceiling(remaining.TotalMilliseconds), 1, int.MaxValue);
    }

    private void ExpireOverdue()
    {
        var now = _time.GetTimestamp();
        foreach (var (id, operation) in _pending)
        {
            if (operation.Deadline > now || !Forget(operation)) continue;
            operation.TimedOut();
            if (operation.CancelsRemotely) SendCancel(id);
        }
    }
}
