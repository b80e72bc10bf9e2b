using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// One outgoing frame, written into a pooled array: length prefix, kind, then the body. The connection's send loop
/// returns the array after sending. Also an <see cref="IBufferWriter{T}"/>, so JSON is serialized straight into it.
/// </summary>
internal sealed class FrameBuffer : IBufferWriter<byte>
{
    private const int InitialSize = 512;
    private byte[] _buffer;
    private int _length;

    private FrameBuffer(FrameKind kind)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        _length = WireProtocol.LengthPrefixBytes;
        WriteByte((byte)kind);
    }

    public static FrameBuffer Start(FrameKind kind) => new(kind);

    /// <summary>Bytes of the frame so far, its length prefix included.</summary>
    public int Length => _length;

    /// <summary>What the length prefix will say: the kind byte and the body. The receiver refuses more than <see cref="ClusterTransportOptions.MaxFrameBytes"/>.</summary>
    public int FrameBytes => _length - WireProtocol.LengthPrefixBytes;

    /// <summary>The whole frame, its length prefix filled in.</summary>
    public ReadOnlyMemory<byte> Complete()
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer, _length - WireProtocol.LengthPrefixBytes);
        return _buffer.AsMemory(0, _length);
    }

    public ArraySegment<byte> CompleteSegment()
    {
        Complete();
        return new ArraySegment<byte>(_buffer, 0, _length);
    }

    public void Release()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteInt32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteInt64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>A string as a 7-bit encoded (UTF-8 byte length + 1), 0 meaning null, then its UTF-8 bytes.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarUInt(0);
            return;
        }
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((uint)byteCount + 1);
        Ensure(byteCount);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>Bytes already UTF-8 encoded (cached method keys and silo addresses), in the string layout.</summary>
    public void WriteUtf8(ReadOnlySpan<byte> utf8)
    {
        WriteVarUInt((uint)utf8.Length + 1);
        WriteBytes(utf8);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _buffer.AsSpan(_length);
    }

    private void WriteVarUInt(uint value)
    {
        Ensure(5);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
