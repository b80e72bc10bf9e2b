using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Transport;

public enum RefusalKind { Invalid, Forbidden, InvalidRules }

public sealed record RefusalDiagnostic(string Rule, int Line, string Message);

/// <summary>Shaped like the trading layer's governance exception: a kind and a list of diagnostics.</summary>
public sealed class OrderRefusedException(RefusalKind kind, string message, IReadOnlyList<RefusalDiagnostic> diagnostics) : Exception(message)
{
    public RefusalKind Kind { get; } = kind;
    public IReadOnlyList<RefusalDiagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>Registered to travel by message alone.</summary>
public sealed class QuotaExceededException(string message) : Exception(message);

/// <summary>Registered nowhere: arrives as a RemoteGrainException.</summary>
public sealed class UnregisteredException(string message) : Exception(message);

public sealed record OrderRefusal(RefusalKind Kind, IReadOnlyList<RefusalDiagnostic> Diagnostics);

internal static class TestExceptions
{
    public static void Register(RemoteExceptionCodecs codecs) => codecs
        .Allow<QuotaExceededException>()
        .Add<OrderRefusedException, OrderRefusal>(
            e => new OrderRefusal(e.Kind, e.Diagnostics),
            (message, refusal) => new OrderRefusedException(refusal.Kind, message, refusal.Diagnostics));
}
