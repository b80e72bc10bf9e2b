namespace SmartTrader.Runtime;

/// <summary>Who asked, and under which correlation id. Immutable, so it can be captured and carried with a call.</summary>
public sealed record CallContextData(string? CorrelationId, string? User);

/// <summary>
/// The ambient call context. It flows with async code, through grain calls (local and, later, remote), and into
/// the logs.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<CallContextData?> Ambient = new();

    public static CallContextData? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    public static string? CorrelationId => Ambient.Value?.CorrelationId;
    public static string? User => Ambient.Value?.User;

    /// <summary>Sets the context for the current async flow and restores the previous one on dispose.</summary>
    public static IDisposable Begin(string? correlationId, string? user)
    {
        var previous = Ambient.Value;
        Ambient.Value = new CallContextData(correlationId, user);
        return new Restore(previous);
    }

    private sealed class Restore(CallContextData? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
