namespace SmartTrader.Runtime.Cluster;

/// <summary>The frames a listener answers with.</summary>
internal static class Responses
{
    /// <param name="holder">The silo the call was passed on to, when the grain is hosted there and not here.</param>
    /// <exception cref="MessageTooLargeException">The result makes a frame over <see cref="ClusterTransportOptions.MaxFrameBytes"/>.</exception>
    public static FrameBuffer Ok(
        long id, RemoteMethod method, GrainId grainId, Task completed, ClusterTransportOptions options, SiloAddress local, SiloAddress? holder)
    {
        var frame = Start(FrameKind.Response, id, holder is null ? ResponseStatus.Ok : ResponseStatus.OkHeldElsewhere);
        try
        {
            if (holder is { } silo) frame.WriteString(silo.Value);
            method.WriteResult(frame, completed, options.Json);
            if (frame.FrameBytes > options.MaxFrameBytes)
                throw new MessageTooLargeException(
                    $"The result of {method.GrainMethod} on grain {grainId} makes a {frame.FrameBytes:N0}-byte message, over the limit of " +
                    $"{options.MaxFrameBytes:N0} (Cluster:Transport:MaxFrameBytes). The method ran on silo {holder ?? local}; its result was not sent back.");
            return frame;
        }
        catch
        {
            frame.Release();
            throw;
        }
    }

    /// <summary>
    /// The exception, as the caller will rebuild it; one whose message or data would make a frame over
    /// <see cref="ClusterTransportOptions.MaxFrameBytes"/> goes as a <see cref="MessageTooLargeException"/> naming it,
    /// with the start of its message.
    /// </summary>
    public static FrameBuffer Error(long id, Exception exception, ClusterTransportOptions options)
    {
        var frame = Start(FrameKind.Response, id, ResponseStatus.Exception);
        RemoteErrors.Write(frame, exception, options);
        if (frame.FrameBytes <= options.MaxFrameBytes) return frame;

        var size = frame.FrameBytes;
        frame.Release();
        var shortened = new MessageTooLargeException(
            $"The method failed with {RemoteErrors.RemoteTypeOf(exception)}, whose message and data make a {size:N0}-byte message, over the " +
            $"limit of {options.MaxFrameBytes:N0} (Cluster:Transport:MaxFrameBytes). It began: {Opening(exception.Message)}");
        frame = Start(FrameKind.Response, id, ResponseStatus.Exception);
        RemoteErrors.Write(frame, shortened, options);
        return frame;
    }

    private static string Opening(string message) =>
        message.Length <= OpeningLength ? message : string.Concat(message.AsSpan(0, OpeningLength), "…");

    private const int OpeningLength = 500;

    public static FrameBuffer NotThisSilo(long id, SiloAddress actual) => WithAddress(FrameKind.Response, id, ResponseStatus.NotThisSilo, actual);

    /// <param name="status">Ok, NotThisSilo or NotServing.</param>
    public static FrameBuffer Pong(long id, ResponseStatus status, SiloAddress actual) => WithAddress(FrameKind.Pong, id, status, actual);

    private static FrameBuffer WithAddress(FrameKind kind, long id, ResponseStatus status, SiloAddress actual)
    {
        var frame = Start(kind, id, status);
        frame.WriteString(actual.Value);
        return frame;
    }

    private static FrameBuffer Start(FrameKind kind, long id, ResponseStatus status)
    {
        var frame = FrameBuffer.Start(kind);
        frame.WriteInt64(id);
        frame.WriteByte((byte)status);
        return frame;
    }
}
