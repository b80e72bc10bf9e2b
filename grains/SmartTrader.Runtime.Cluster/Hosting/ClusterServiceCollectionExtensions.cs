using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime.Storage.Postgres;

namespace SmartTrader.Runtime.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Makes this silo a member of a cluster: membership and the grain directory in PostgreSQL, rendezvous placement
    /// over the Active silos, reminders sharded the same way. Replaces the single silo's <see cref="ILocalSilo"/> and
    /// <see cref="IGrainPlacement"/>; registers <see cref="IClusterMembership"/> and <see cref="InboundGrainCalls"/>
    /// (for the transport). The transport (<see cref="ClusterTransportServiceCollectionExtensions.AddClusterTransport(IServiceCollection, Action{ClusterTransportOptions}?)"/>,
    /// in either order, or both at once with <see cref="AddClusterSilo"/>) registers <see cref="IRemoteGrainInvoker"/>
    /// and <see cref="ISiloProbe"/>; <see cref="ClusterOptions.Host"/> and <see cref="ClusterOptions.Port"/> are then its
    /// defaults, and the silo's address is the transport's bound endpoint. Runs in a host: joining and leaving are
    /// hosted-service lifecycle steps.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services, Action<ClusterOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<ClusterOptions>();
        if (configure is not null) optionsBuilder.Configure(configure);
        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>>(new OptionsProblems<ClusterOptions>(o => o.Problems())));
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => new ClusterDatabase(ConnectionString(sp)));
        services.TryAddSingleton<IMembershipTable, PostgresMembershipTable>();
        services.TryAddSingleton<IGrainDirectoryTable, PostgresGrainDirectoryTable>();

        services.TryAddSingleton<ClusterMembership>();
        services.TryAddSingleton<IClusterMembership>(sp => sp.GetRequiredService<ClusterMembership>());
        services.TryAddSingleton<MembershipAgent>();
        services.TryAddSingleton<ClusterPlacement>();
        services.TryAddSingleton<ClusterActivationDirectory>();
        services.TryAddSingleton<RendezvousReminderShard>();
        services.TryAddSingleton(sp => new InboundGrainCalls(
            sp.GetRequiredService<GrainCatalog>(), sp.GetRequiredService<ClusterMembership>(), sp.GetRequiredService<ClusterPlacement>()));

        services.RemoveAll<ILocalSilo>();
        services.RemoveAll<IGrainPlacement>();
        services.RemoveAll<ISiloRoster>();
        services.RemoveAll<IActivationDirectory>();
        services.RemoveAll<ISiloFence>();
        services.RemoveAll<IReminderShard>();
        services.AddSingleton<ILocalSilo>(sp => sp.GetRequiredService<ClusterMembership>());
        services.AddSingleton<ISiloFence>(sp => sp.GetRequiredService<ClusterMembership>());
        services.AddSingleton<IGrainPlacement>(sp => sp.GetRequiredService<ClusterPlacement>());
        services.AddSingleton<ISiloRoster>(sp => sp.GetRequiredService<ClusterPlacement>());
        services.AddSingleton<IActivationDirectory>(sp => sp.GetRequiredService<ClusterActivationDirectory>());
        services.AddSingleton<IReminderShard>(sp => sp.GetRequiredService<RendezvousReminderShard>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClusterHostedService>());
        if (!services.Any(d => d.ImplementationType == typeof(ClusterTransportDefaults)))
            services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<ClusterTransportOptions>, ClusterTransportDefaults>());
        return services;
    }

    /// <summary>
    /// A cluster silo in one call: <see cref="AddCluster"/> and the TCP transport
    /// (<see cref="ClusterTransportServiceCollectionExtensions.AddClusterTransport(IServiceCollection, Action{ClusterTransportOptions}?)"/>),
    /// exactly as calling both. The transport listens on <see cref="ClusterOptions.Host"/>:<see cref="ClusterOptions.Port"/>
    /// unless <paramref name="configureTransport"/> says otherwise.
    /// </summary>
    public static IServiceCollection AddClusterSilo(
        this IServiceCollection services, Action<ClusterOptions>? configure = null, Action<ClusterTransportOptions>? configureTransport = null)
    {
        services.AddCluster(configure);
        services.AddClusterTransport(configureTransport);
        return services;
    }

    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ClusterOptions>>().Value.ConnectionString
        ?? services.GetService<PostgresStorageOptions>()?.ConnectionString
        ?? throw new InvalidOperationException(
            "The cluster keeps its membership in PostgreSQL: set ClusterOptions.ConnectionString, or register the PostgreSQL grain storage " +
            "(AddPostgresGrainStorage) to share its database.");
}
