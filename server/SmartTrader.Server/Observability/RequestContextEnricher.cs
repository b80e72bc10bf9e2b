using Serilog.Core;
using Serilog.Events;
using SmartTrader.Runtime;

namespace SmartTrader.Server.Observability;

/// <summary>Adds CorrelationId and User from the ambient <see cref="RequestContext"/>, including inside grain calls.</summary>
internal sealed class RequestContextEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (RequestContext.Current is not { } context) return;
        if (context.CorrelationId is { } correlationId)
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("CorrelationId", correlationId));
        if (context.User is { } user)
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("User", user));
    }
}
