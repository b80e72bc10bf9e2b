using System.Buffers.Text;
using System.Text;

namespace SmartTrader.Server.Bench;

/// <summary>
/// What the load generator needs of an HTTP/1.1 response: its status, whether the connection stays open, and for an
/// error (4xx, 5xx) the start of its body, which says why.
/// </summary>
internal readonly record struct Http11Response(int Status, bool KeepAlive, byte[]? ErrorBody = null);

/// <summary>
/// Reads whole HTTP/1.1 responses off one connection, framed by Content-Length, chunked transfer coding, or the end of
/// the connection. Bodies are discarded, except the first <see cref="MaxErrorBodyBytes"/> of an error's. Bytes read
/// past one response are kept for the next.
/// </summary>
internal sealed class Http11ResponseReader(Stream stream)
{
    private const int MaxHeaderBytes = 16 * 1024;
    public const int MaxErrorBodyBytes = 4 * 1024;

    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    private readonly byte[] _buffer = new byte[MaxHeaderBytes];
    private int _start;
    private int _end;

    public Http11Response Read()
    {
        var headerLength = FillUntil(HeaderEnd);
        var (status, length, chunked, close) = ParseHead(_buffer.AsSpan(_start, headerLength));
        _start += headerLength + HeaderEnd.Length;

        if (status is >= 100 and < 200) return Read();
        if (status is 204 or 304) return new Http11Response(status, !close);
        var kept = status >= 400 ? new MemoryStream() : null;
        if (chunked) SkipChunks(kept);
        else if (length is { } bytes) Skip(bytes, kept);
        else
        {
            SkipToEnd(kept);
            return new Http11Response(status, KeepAlive: false, kept?.ToArray());
        }
        return new Http11Response(status, !close, kept?.ToArray());
    }

    private static (int Status, long? Length, bool Chunked, bool Close) ParseHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf(LineEnd);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (!statusLine.StartsWith("HTTP/1."u8) || statusLine.Length < 12 || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3)
            throw new InvalidDataException($"Not an HTTP/1.x status line: '{Encoding.ASCII.GetString(statusLine)}'.");

        long? length = null;
        bool chunked = false, close = false;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + LineEnd.Length)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf(LineEnd);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + LineEnd.Length)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) throw new InvalidDataException($"Not a header line: '{Encoding.ASCII.GetString(line)}'.");
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long bytes, out var used) || used != value.Length || bytes < 0)
                    throw new InvalidDataException($"Bad Content-Length: '{Encoding.ASCII.GetString(value)}'.");
                length = bytes;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8)) chunked = EndsWithToken(value, "chunked"u8);
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8)) close = EndsWithToken(value, "close"u8);
        }
        return (status, length, chunked, close);
    }

    private static bool EndsWithToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        var last = value.LastIndexOf((byte)',');
        return Ascii.EqualsIgnoreCase(value[(last + 1)..].Trim(" \t"u8), token);
    }

    private void SkipChunks(MemoryStream? kept)
    {
        while (true)
        {
            var lineLength = FillUntil(LineEnd);
            var size = ParseChunkSize(_buffer.AsSpan(_start, lineLength));
            _start += lineLength + LineEnd.Length;
            if (size == 0) break;
            Skip(size, kept);
            Skip(LineEnd.Length, kept: null);
        }
        // Trailer fields, if any, end with an empty line.
        while (true)
        {
            var lineLength = FillUntil(LineEnd);
            _start += lineLength + LineEnd.Length;
            if (lineLength == 0) return;
        }
    }

    private static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        var extension = line.IndexOf((byte)';');
        var digits = (extension < 0 ? line : line[..extension]).Trim(" \t"u8);
        if (digits.IsEmpty || digits.Length > 15 || !Utf8Parser.TryParse(digits, out long size, out var used, 'x') || used != digits.Length)
            throw new InvalidDataException($"Bad chunk size line: '{Encoding.ASCII.GetString(line)}'.");
        return size;
    }

    /// <summary>Reads until the buffered bytes contain <paramref name="delimiter"/>; returns the bytes before it.</summary>
    private int FillUntil(byte[] delimiter)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf(delimiter);
            if (found >= 0) return found;
            if (_start == 0 && _end == _buffer.Length)
                throw new InvalidDataException($"A response's head or chunk line is longer than {MaxHeaderBytes} bytes.");
            if (ReadMore() == 0)
                throw new IOException("The server closed the connection in the middle of a response.");
        }
    }

    private void Skip(long bytes, MemoryStream? kept)
    {
        while (true)
        {
            var buffered = Math.Min(bytes, _end - _start);
            Keep(kept, (int)buffered);
            _start += (int)buffered;
            bytes -= buffered;
            if (bytes == 0) return;
            if (ReadMore() == 0)
                throw new IOException("The server closed the connection in the middle of a response body.");
        }
    }

    private void SkipToEnd(MemoryStream? kept)
    {
        do
        {
            Keep(kept, _end - _start);
            _start = _end;
        }
        while (ReadMore() > 0);
    }

    /// <summary>Copies the next <paramref name="count"/> buffered bytes into <paramref name="kept"/>, up to its limit.</summary>
    private void Keep(MemoryStream? kept, int count)
    {
        if (kept is null || kept.Length >= MaxErrorBodyBytes) return;
        kept.Write(_buffer, _start, (int)Math.Min(count, MaxErrorBodyBytes - kept.Length));
    }

    /// <summary>Moves what is left to the front of the buffer and reads after it; 0 at the end of the connection.</summary>
    private int ReadMore()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        var read = stream.Read(_buffer.AsSpan(_end));
        _end += read;
        return read;
    }
}
