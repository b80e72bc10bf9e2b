using System.Buffers;
using System.Text.Json;

namespace SmartTrader.Runtime.Cluster;

/// <summary>One <see cref="Utf8JsonWriter"/> per thread, reset onto each frame instead of allocated per call.</summary>
internal static class PooledJsonWriter
{
    [ThreadStatic] private static Utf8JsonWriter? _cached;

    public static Utf8JsonWriter Rent(IBufferWriter<byte> output)
    {
        var writer = _cached;
        _cached = null;
        if (writer is null) return new Utf8JsonWriter(output);
        writer.Reset(output);
        return writer;
    }

    /// <summary>Flushes into the frame and keeps the writer for this thread's next frame.</summary>
    public static void Return(Utf8JsonWriter writer)
    {
        writer.Flush();
        writer.Reset();
        _cached = writer;
    }
}
