using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime.Cluster;

internal static partial class TransportLog
{
    [LoggerMessage(501, LogLevel.Information, "Cluster transport listening on {Endpoint} as silo {Silo}")]
    public static partial void Listening(this ILogger logger, string endpoint, SiloAddress silo);

    [LoggerMessage(502, LogLevel.Debug, "Connected to silo endpoint {Endpoint}")]
    public static partial void Connected(this ILogger logger, string endpoint);

    [LoggerMessage(503, LogLevel.Warning, "Could not connect to silo endpoint {Endpoint} (silo {Silo}): {Reason}")]
    public static partial void ConnectFailed(this ILogger logger, string endpoint, SiloAddress silo, string reason);

    [LoggerMessage(504, LogLevel.Debug, "Connection to silo endpoint {Endpoint} closed; {Pending} calls pending")]
    public static partial void OutboundConnectionClosed(this ILogger logger, string endpoint, int pending);

    [LoggerMessage(505, LogLevel.Warning, "Connection to silo endpoint {Endpoint} lost; {Pending} calls pending fail")]
    public static partial void OutboundConnectionLost(this ILogger logger, Exception exception, string endpoint, int pending);

    [LoggerMessage(506, LogLevel.Debug, "Connection from {Remote} closed; {Running} cancellable calls running")]
    public static partial void InboundConnectionClosed(this ILogger logger, string remote, int running);

    [LoggerMessage(507, LogLevel.Warning, "Connection from {Remote} lost; {Running} cancellable calls running are cancelled")]
    public static partial void InboundConnectionLost(this ILogger logger, Exception exception, string remote, int running);

    [LoggerMessage(508, LogLevel.Warning, "Refused a connection from {Remote}: {Reason}")]
    public static partial void HandshakeFailed(this ILogger logger, string remote, string reason);

    [LoggerMessage(509, LogLevel.Warning, "Accepting a silo connection failed")]
    public static partial void AcceptFailed(this ILogger logger, Exception exception);

    [LoggerMessage(510, LogLevel.Debug, "Remote call {Method} on {GrainId} failed with {ExceptionType}; the caller gets its type and message")]
    public static partial void GrainCallFailed(this ILogger logger, Exception exception, string method, GrainId grainId, string exceptionType);

    [LoggerMessage(511, LogLevel.Warning, "The result of remote call {Method} on {GrainId} could not be sent back (not serializable, or too large)")]
    public static partial void ResultNotSent(this ILogger logger, Exception exception, string method, GrainId grainId);

    [LoggerMessage(512, LogLevel.Debug, "Refused a remote call: {Reason}")]
    public static partial void RequestRefused(this ILogger logger, string reason);
}
