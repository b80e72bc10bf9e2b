using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;
using SmartTrader.Server.Hosting;

namespace SmartTrader.Server.Observability;

public static class LoggingSetup
{
    /// <summary>Console plus a daily JSON file; a "Serilog" configuration section can override levels and add sinks.</summary>
    public static void AddSmartTraderLogging(this WebApplicationBuilder builder, SmartTraderOptions options)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .ReadFrom.Configuration(builder.Configuration)
            .Filter.ByExcluding(e => SessionKeys.IsReplacedWarning(options, e))
            .Enrich.FromLogContext()
            .Enrich.With<RequestContextEnricher>()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {CorrelationId}{NewLine}{Exception}")
            .WriteTo.File(
                new JsonFormatter(renderMessage: true),
                Path.Combine(options.LogDirectory, "smarttrader-.json"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14)
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
    }
}
