using System.Collections.Concurrent;
using System.Net.Sockets;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// A connection another silo opened to this silo's listener: requests, pings and re-read requests in, responses and
/// pongs out. Calls whose method takes a <see cref="CancellationToken"/> are tracked so a cancel frame, or losing the
/// connection, cancels that token.
/// </summary>
internal sealed class InboundConnection(Socket socket, Stream stream, CallDispatcher dispatcher)
    : FrameConnection(socket, stream, dispatcher.Options)
{
    private readonly ConcurrentDictionary<long, IncomingCall> _cancellable = new();

    public void Track(IncomingCall call) => _cancellable[call.Id] = call;

    public void Untrack(IncomingCall call) => _cancellable.TryRemove(KeyValuePair.Create(call.Id, call));

    protected override void OnFrame(FrameKind kind, ReadOnlySpan<byte> body)
    {
        var reader = new FrameReader(body);
        switch (kind)
        {
            case FrameKind.Request:
                dispatcher.Receive(this, ref reader);
                break;
            case FrameKind.Cancel:
                if (_cancellable.TryGetValue(reader.ReadInt64(), out var call)) call.Cancel();
                break;
            case FrameKind.Ping or FrameKind.RereadMembership:
                var id = reader.ReadInt64();
                reader.TryReadUtf8(out var target);
                if (kind == FrameKind.Ping) Send(Responses.Pong(id, dispatcher.PingStatus(target), dispatcher.LocalAddress));
                else _ = AnswerAfterRereadAsync(id, target.ToArray());
                break;
            default:
                throw new InvalidDataException($"A silo sent a {kind} frame to a listener, which only takes requests, cancels, pings and re-read requests.");
        }
    }

    /// <summary>A silo whose read failed does not confirm: it answers as not serving.</summary>
    private async Task AnswerAfterRereadAsync(long id, byte[] target)
    {
        var read = !dispatcher.IsThisSilo(target) || await dispatcher.RereadMembershipAsync();
        Send(Responses.Pong(id, read ? dispatcher.PingStatus(target) : ResponseStatus.NotServing, dispatcher.LocalAddress));
    }

    protected override void OnClosed(Exception? reason)
    {
        if (reason is null) dispatcher.Logger.InboundConnectionClosed(RemoteEndPoint, _cancellable.Count);
        else dispatcher.Logger.InboundConnectionLost(reason, RemoteEndPoint, _cancellable.Count);
        foreach (var call in _cancellable.Values) call.Cancel();
    }
}
