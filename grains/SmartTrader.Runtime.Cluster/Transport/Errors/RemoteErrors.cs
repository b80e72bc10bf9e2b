using System.Buffers;
using System.Text.Json;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Writes a callee's exception into a response (type name, message, inner type and message, codec payload) and
/// rebuilds it on the caller's side. Stack traces never travel.
/// </summary>
internal static class RemoteErrors
{
    public static void Write(FrameBuffer frame, Exception exception, ClusterTransportOptions options)
    {
        var inner = exception.InnerException;
        frame.WriteString(RemoteTypeOf(exception));
        frame.WriteString(exception.Message);
        frame.WriteString(inner is null ? null : RemoteTypeOf(inner));
        frame.WriteString(inner?.Message);
        if (PayloadOf(exception, options) is { } payload) frame.WriteBytes(payload.WrittenSpan);
    }

    public static Exception Read(ref FrameReader reader, ClusterTransportOptions options)
    {
        var type = reader.ReadRequiredString();
        var message = reader.ReadString() ?? "";
        var innerType = reader.ReadString();
        var innerMessage = reader.ReadString();
        var inner = innerType is null ? null : new RemoteGrainException(innerType, innerMessage ?? "");

        if (options.Exceptions.ForName(type) is not { } codec) return new RemoteGrainException(type, message, inner);
        try
        {
            return codec.Create(message, inner, reader.Rest, options.Json);
        }
        catch (Exception)
        {
            // A codec that cannot rebuild its exception must not turn a grain failure into a transport failure.
            return new RemoteGrainException(type, message, inner);
        }
    }

    public static string RemoteTypeOf(Exception exception) =>
        exception is RemoteGrainException remote
            ? remote.RemoteType
            : exception.GetType().FullName ?? exception.GetType().Name;

    private static ArrayBufferWriter<byte>? PayloadOf(Exception exception, ClusterTransportOptions options)
    {
        if (exception is RemoteGrainException) return null;
        if (options.Exceptions.ForType(exception.GetType()) is not { HasPayload: true } codec) return null;
        try
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer)) codec.WritePayload(exception, writer, options.Json);
            return buffer;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
