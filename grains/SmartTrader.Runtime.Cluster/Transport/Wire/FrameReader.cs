using System.Buffers.Binary;
using System.Text;

namespace SmartTrader.Runtime.Cluster;

/// <summary>Reads the fields of one received frame body, in the layout <see cref="FrameBuffer"/> writes.</summary>
internal ref struct FrameReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    /// <summary>What is left of the body: the JSON that ends requests and responses.</summary>
    public readonly ReadOnlySpan<byte> Rest => _body[_position..];

    public byte ReadByte() => _body[_position++];

    public int ReadInt32()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(_body[_position..]);
        _position += 4;
        return value;
    }

    public long ReadInt64()
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(_body[_position..]);
        _position += 8;
        return value;
    }

    /// <summary>The UTF-8 bytes of a string field; false when the field is null.</summary>
    public bool TryReadUtf8(out ReadOnlySpan<byte> utf8)
    {
        var lengthPlusOne = ReadVarUInt();
        if (lengthPlusOne == 0)
        {
            utf8 = default;
            return false;
        }
        var length = checked((int)(lengthPlusOne - 1));
        utf8 = _body.Slice(_position, length);
        _position += length;
        return true;
    }

    public string? ReadString() => TryReadUtf8(out var utf8) ? Encoding.UTF8.GetString(utf8) : null;

    public string ReadRequiredString() =>
        ReadString() ?? throw new InvalidDataException("A required string field of the frame is null.");

    private uint ReadVarUInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = _body[_position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("A length field of the frame is malformed.");
    }
}
