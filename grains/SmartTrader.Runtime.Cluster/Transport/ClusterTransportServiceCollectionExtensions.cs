using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

public static class ClusterTransportServiceCollectionExtensions
{
    /// <summary>
    /// Connects this silo to the others: replaces the runtime's "no remote silos" invoker with the TCP transport,
    /// registers <see cref="ISiloProbe"/>, <see cref="ISiloDeathObserver"/>, <see cref="ClusterEndpoint"/> and a hosted listener serving calls from other
    /// silos. The topology stays an input: register the cluster's <see cref="ILocalSilo"/> (typically
    /// <c>endpoint.AddressFor(generation)</c>) and <see cref="IGrainPlacement"/> before the runtime is first resolved.
    /// </summary>
    public static GrainRuntimeBuilder AddClusterTransport(this GrainRuntimeBuilder builder, Action<ClusterTransportOptions>? configure = null)
    {
        var services = builder.Services;
        var options = services.AddOptions<ClusterTransportOptions>();
        if (configure is not null) options.Configure(configure);
        if (services.Any(d => d.ServiceType == typeof(ClusterEndpoint))) return builder;

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterTransportOptions>>(new OptionsProblems<ClusterTransportOptions>(o => o.Problems()));

        services.AddSingleton<ClusterEndpoint>();
        services.AddSingleton<RemoteMethods>();
        services.AddSingleton<IRemoteCallStatistics, RemoteCallStatistics>();
        services.AddSingleton(_ => SiloCertificate.Create());
        services.AddSingleton(sp => new SiloHandshake(
            sp.GetRequiredService<IOptions<ClusterTransportOptions>>().Value.Secret!, sp.GetRequiredService<SiloCertificate>()));
        services.AddSingleton<TransportClient>();
        services.AddSingleton<ISiloDeathObserver>(sp => sp.GetRequiredService<TransportClient>());
        services.AddSingleton<CallDispatcher>();
        services.AddSingleton<ClusterTransportListener>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterTransportListener>());
        services.RemoveAll<IRemoteGrainInvoker>();
        services.AddSingleton<IRemoteGrainInvoker, RemoteGrainInvoker>();
        services.RemoveAll<ISiloProbe>();
        services.AddSingleton<ISiloProbe, SiloProbe>();
        return builder;
    }

    /// <inheritdoc cref="AddClusterTransport(GrainRuntimeBuilder, Action{ClusterTransportOptions}?)"/>
    public static IServiceCollection AddClusterTransport(this IServiceCollection services, Action<ClusterTransportOptions>? configure = null)
    {
        services.AddGrainRuntime().AddClusterTransport(configure);
        return services;
    }
}
