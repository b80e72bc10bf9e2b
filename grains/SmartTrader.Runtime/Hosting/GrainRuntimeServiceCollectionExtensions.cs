using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SmartTrader.Runtime;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the grain runtime: <see cref="IGrainFactory"/>, <see cref="IGrainRuntimeDiagnostics"/>,
    /// <see cref="GrainRuntime"/> and a hosted service running it. Storage (<see cref="IGrainStorage"/>, default or keyed
    /// by storage name) and <see cref="IReminderTable"/> are registered separately. Calling it again returns a builder
    /// over the same registration.
    /// </summary>
    public static GrainRuntimeBuilder AddGrainRuntime(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<SiloOptions>();
        if (configure is not null) optionsBuilder.Configure(configure);

        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(GrainAssemblies))?.ImplementationInstance;
        if (existing is GrainAssemblies registered) return new GrainRuntimeBuilder(services, registered);

        var assemblies = new GrainAssemblies();
        services.AddSingleton(assemblies);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<GrainTypeRegistry>();
        services.AddSingleton<GrainStorageResolver>();
        services.AddSingleton<GrainActivator>();
        services.AddSingleton<GrainCatalog>();
        services.AddSingleton<IGrainRuntimeDiagnostics>(sp => sp.GetRequiredService<GrainCatalog>());
        services.AddSingleton<GrainCallRouter>();
        services.AddSingleton<IGrainFactory, GrainFactory>();

        services.AddSingleton<SingleSilo>();
        services.TryAddSingleton<ILocalSilo>(sp => sp.GetRequiredService<SingleSilo>());
        services.TryAddSingleton<IGrainPlacement>(sp => sp.GetRequiredService<SingleSilo>());
        services.TryAddSingleton<ISiloRoster>(sp => sp.GetRequiredService<SingleSilo>());
        services.TryAddSingleton<IRemoteGrainInvoker, NoRemoteGrainInvoker>();

        services.AddSingleton<ReminderService>();
        services.AddSingleton<ActivationCollector>();
        services.AddSingleton(sp => new GrainRuntime(sp));
        services.AddHostedService<GrainRuntimeHostedService>();
        return new GrainRuntimeBuilder(services, assemblies);
    }
}
