using System.Net.Sockets;
using System.Text;

namespace SmartTrader.Server.Bench;

/// <summary>
/// One keep-alive HTTP/1.1 connection of the order bench's load generator, used from one thread with blocking calls.
/// The load generator shares the machine with the server it measures, so what it spends per request is taken from
/// the server: clients on the thread pool cost a ninth of the server's CPU per order, a fifth of that in idle workers
/// spinning between responses. Here a client's thread sleeps in the kernel until its response arrives, and the
/// response is read without building headers or content objects, as wrk does. A connection that fails or is closed
/// by the server is opened again by the next request.
/// </summary>
internal sealed class Http11Connection(Uri server, TimeSpan timeout) : IDisposable
{
    private byte[] _request = new byte[4096];
    private NetworkStream? _stream;
    private Http11ResponseReader? _reader;

    /// <summary>Sends a POST of a JSON body with a bearer token; returns the response once it is read whole.</summary>
    /// <exception cref="IOException">The connection failed or timed out; the next request opens a new one.</exception>
    /// <exception cref="InvalidDataException">The answer was not HTTP/1.1.</exception>
    public Http11Response PostJson(string path, string bearerToken, string json)
    {
        var length = Format(path, bearerToken, json);
        try
        {
            var stream = Connect();
            stream.Write(_request, 0, length);
            var response = _reader!.Read();
            if (!response.KeepAlive) Close();
            return response;
        }
        catch (Exception e)
        {
            Close();
            if (e is SocketException socket) throw new IOException(socket.Message, socket);
            throw;
        }
    }

    private int Format(string path, string bearerToken, string json)
    {
        var text = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Bearer {bearerToken}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}";
        var size = Encoding.UTF8.GetByteCount(text);
        if (size > _request.Length) _request = new byte[Math.Max(size, _request.Length * 2)];
        return Encoding.UTF8.GetBytes(text, _request);
    }

    private NetworkStream Connect()
    {
        if (_stream is not null) return _stream;
        var milliseconds = (int)timeout.TotalMilliseconds;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendTimeout = milliseconds, ReceiveTimeout = milliseconds };
        try
        {
            socket.Connect(server.Host, server.Port);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new Http11ResponseReader(_stream);
        return _stream;
    }

    private void Close()
    {
        _stream?.Dispose();
        (_stream, _reader) = (null, null);
    }

    public void Dispose() => Close();
}
