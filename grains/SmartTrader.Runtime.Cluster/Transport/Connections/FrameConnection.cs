using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// One TCP connection, encrypted by <see cref="SiloHandshake"/>, carrying length-prefixed frames both ways. A receive
/// loop hands each complete frame to <see cref="OnFrame"/>; a send loop writes queued frames, as many as are waiting,
/// in one write (one system call; one TLS record up to 16 KB), so concurrent calls share the connection. Any failure
/// of either loop closes the connection once, and <see cref="OnClosed"/> runs. So does a peer that stops reading: once
/// the frames queued for it pass <see cref="ClusterTransportOptions.MaxQueuedSendBytes"/>, the connection is closed and
/// its calls fail at once, rather than holding ever more memory until the peer is declared dead.
/// </summary>
internal abstract class FrameConnection
{
    private const int ReceiveBufferSize = 64 * 1024;
    private const int MaxFramesPerSend = 256;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly int _maxFrameBytes;
    private readonly long _maxQueuedBytes;
    private readonly Channel<FrameBuffer> _outgoing =
        Channel.CreateUnbounded<FrameBuffer>(new UnboundedChannelOptions { SingleReader = true });
    private static readonly object ClosedCleanly = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Null while open; then the reason, or ClosedCleanly. One field, so whoever sees the connection closed sees why.
    private object? _closedBy;
    private long _queuedBytes;

    /// <param name="socket">The connection's socket; closing the connection disposes it.</param>
    /// <param name="stream">The encrypted stream over <paramref name="socket"/> that frames are read from and written to.</param>
    /// <param name="options">The frame size and send queue limits.</param>
    protected FrameConnection(Socket socket, Stream stream, ClusterTransportOptions options)
    {
        _socket = socket;
        _stream = stream;
        _maxFrameBytes = options.MaxFrameBytes;
        _maxQueuedBytes = options.MaxQueuedSendBytes;
        RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    public string RemoteEndPoint { get; }
    public bool IsClosed => Volatile.Read(ref _closedBy) is not null;

    /// <summary>Why the connection was closed; null while open, or when the peer or this side closed it cleanly.</summary>
    public Exception? CloseReason => Volatile.Read(ref _closedBy) as Exception;

    /// <summary>Bytes of frames queued and not yet written to the stream.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Completes once the connection is closed and <see cref="OnClosed"/> has run.</summary>
    public Task Closed => _closed.Task;

    public void Start()
    {
        _ = ReceiveLoopAsync();
        _ = SendLoopAsync();
    }

    /// <summary>
    /// Queues a frame; false (and the frame released) when the connection is closed, or is closed now because the
    /// frame would take the queue past its limit.
    /// </summary>
    public bool Send(FrameBuffer frame)
    {
        if (!IsClosed)
        {
            var queued = Interlocked.Add(ref _queuedBytes, frame.Length);
            if (queued > _maxQueuedBytes) Close(NotReading(queued));
            if (!IsClosed && _outgoing.Writer.TryWrite(frame)) return true;
            Interlocked.Add(ref _queuedBytes, -frame.Length);
        }
        frame.Release();
        return false;
    }

    private IOException NotReading(long queued) => new(
        $"{RemoteEndPoint} is not taking what is sent to it: {queued:N0} bytes would be queued, over the limit of " +
        $"{_maxQueuedBytes:N0} (Cluster:Transport:MaxQueuedSendBytes). The connection is closed so that its calls fail now.");

    public void Close(Exception? reason = null)
    {
        if (Interlocked.CompareExchange(ref _closedBy, reason ?? ClosedCleanly, null) is not null) return;
        _outgoing.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }
        catch (ObjectDisposedException)
        {
        }
        _stream.Dispose();
        _socket.Dispose();
        try
        {
            OnClosed(reason);
        }
        finally
        {
            _closed.TrySetResult();
        }
    }

    /// <summary>Handles one frame, on the receive loop: parse what is needed and hand longer work elsewhere.</summary>
    protected abstract void OnFrame(FrameKind kind, ReadOnlySpan<byte> body);

    /// <param name="reason">Null when the peer closed the connection cleanly or this side closed it.</param>
    protected abstract void OnClosed(Exception? reason);

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        int start = 0, end = 0;
        Exception? reason = null;
        try
        {
            while (true)
            {
                start = HandleFrames(buffer, start, end);
                (buffer, start, end) = MakeRoom(buffer, start, end);
                var read = await _stream.ReadAsync(buffer.AsMemory(end)).ConfigureAwait(false);
                if (read == 0) break;
                end += read;
            }
        }
        catch (Exception e) when (!IsClosed)
        {
            reason = e;
        }
        catch (Exception)
        {
            // Closed by this side: the receive was aborted on purpose.
        }
        finally
        {
            Close(reason);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hands every complete frame in [start, end) to <see cref="OnFrame"/>; returns where the rest starts.</summary>
    private int HandleFrames(byte[] buffer, int start, int end)
    {
        // Once closed (a send from a handler may close it), the callers of what is left have been failed already.
        while (end - start >= WireProtocol.LengthPrefixBytes && !IsClosed)
        {
            var length = FrameLength(buffer, start);
            var frameEnd = start + WireProtocol.LengthPrefixBytes + length;
            if (frameEnd > end) break;
            var body = buffer.AsSpan(start + WireProtocol.LengthPrefixBytes, length);
            OnFrame((FrameKind)body[0], body[1..]);
            start = frameEnd;
        }
        return start;
    }

    /// <summary>Moves a partial frame to the front, growing the buffer when the frame is larger than it.</summary>
    private (byte[] Buffer, int Start, int End) MakeRoom(byte[] buffer, int start, int end)
    {
        var pending = end - start;
        var needed = pending >= WireProtocol.LengthPrefixBytes
            ? WireProtocol.LengthPrefixBytes + FrameLength(buffer, start)
            : WireProtocol.LengthPrefixBytes;
        if (start == 0 && buffer.Length - end > 0 && needed <= buffer.Length) return (buffer, start, end);

        var target = needed <= buffer.Length ? buffer : ArrayPool<byte>.Shared.Rent(needed);
        buffer.AsSpan(start, pending).CopyTo(target);
        if (!ReferenceEquals(target, buffer)) ArrayPool<byte>.Shared.Return(buffer);
        return (target, 0, pending);
    }

    private int FrameLength(byte[] buffer, int start)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
        if (length < 1 || length > _maxFrameBytes)
            throw new InvalidDataException($"Received a frame of {length} bytes; frames must be 1 to {_maxFrameBytes} bytes.");
        return length;
    }

    private async Task SendLoopAsync()
    {
        var frames = new List<FrameBuffer>(MaxFramesPerSend);
        var segments = new List<ArraySegment<byte>>(MaxFramesPerSend);
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (frames.Count < MaxFramesPerSend && reader.TryRead(out var frame))
                {
                    frames.Add(frame);
                    segments.Add(frame.CompleteSegment());
                }
                await WriteAsync(segments).ConfigureAwait(false);
                var written = 0L;
                foreach (var sent in frames)
                {
                    written += sent.Length;
                    sent.Release();
                }
                Interlocked.Add(ref _queuedBytes, -written);
                frames.Clear();
                segments.Clear();
            }
        }
        catch (Exception e)
        {
            Close(IsClosed ? null : e);
        }
        finally
        {
            foreach (var unsent in frames) unsent.Release();
            while (reader.TryRead(out var unsent)) unsent.Release();
        }
    }

    /// <summary>Writes the frames in one write: each write to the TLS stream is a record of its own, sent on its own.</summary>
    private async ValueTask WriteAsync(List<ArraySegment<byte>> segments)
    {
        if (segments.Count == 1)
        {
            await _stream.WriteAsync(segments[0].AsMemory()).ConfigureAwait(false);
            return;
        }
        var length = 0;
        foreach (var segment in segments) length += segment.Count;
        var joined = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var offset = 0;
            foreach (var segment in segments)
            {
                segment.AsSpan().CopyTo(joined.AsSpan(offset));
                offset += segment.Count;
            }
            await _stream.WriteAsync(joined.AsMemory(0, length)).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }
}
