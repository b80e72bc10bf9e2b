using Microsoft.Extensions.Options;
using SmartTrader.Server.Api;
using SmartTrader.Server.Errors;
using SmartTrader.Server.Identity;
using SmartTrader.Server.Observability;
using SmartTrader.Server.Realtime;

namespace SmartTrader.Server.Hosting;

/// <summary>Builds the web application: configuration, services, and the request pipeline.</summary>
public static class ServerApp
{
    public static WebApplication Build(string[] hostArgs, IReadOnlyDictionary<string, string?> overrides, string? configFile)
    {
        // The content root is the binary's folder, not the working directory: appsettings.json is found from anywhere,
        // and no file watcher sits over ./.data, where every SQLite commit would wake it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. hostArgs, "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (configFile is not null) builder.Configuration.AddJsonFile(configFile, optional: false, reloadOnChange: false);
        builder.Configuration.AddInMemoryCollection(overrides);

        var options = ReadOptions(builder.Configuration);
        if (options.IsEmbedded && string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls("http://localhost:5000");

        builder.AddSmartTraderLogging(options);
        var services = builder.Services;
        services.AddOptions<SmartTraderOptions>().BindConfiguration(SmartTraderOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmartTraderOptions>, SmartTraderOptionsValidator>();
        services.AddSmartTraderProblemDetails();
        services.AddSmartTraderAuthentication();
        services.AddSessionKeys(options);
        services.AddLoginRateLimiting(options.Auth.LoginAttemptsPerMinute);
        services.AddSmartTraderHealthChecks();
        services.AddOpenApi();
        services.AddSignalR();
        services.AddSingleton<AccountSubscriptions>();
        services.AddSilo(options, builder.Configuration);
        services.AddHostedService<StartupSeeder>();

        var app = builder.Build();
        // Every option validated on start is checked here, before the host starts and logs a failure as a crash.
        app.Services.GetService<IStartupValidator>()?.Validate();
        app.LogWhereKeysAre(options);
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "SmartTrader API v1");
            ui.DocumentTitle = "SmartTrader API";
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<RequestUserMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapLandingPage();
        app.MapOpenApi().AllowAnonymous();
        app.MapSmartTraderHealthChecks();
        app.MapSmartTraderApi();
        app.MapHub<TradingHub>(TradingHub.Path);
        return app;
    }

    /// <summary>Reads and validates the options up front: the storage provider must be chosen while services are registered.</summary>
    private static SmartTraderOptions ReadOptions(IConfiguration configuration)
    {
        SmartTraderOptions options;
        try
        {
            options = configuration.GetSection(SmartTraderOptions.Section).Get<SmartTraderOptions>() ?? new SmartTraderOptions();
        }
        catch (InvalidOperationException unreadable)
        {
            throw new OptionsValidationException(SmartTraderOptions.Section, typeof(SmartTraderOptions), [unreadable.Message]);
        }
        SmartTraderOptionsValidator.ThrowIfInvalid(options, configuration);
        return options;
    }
}
