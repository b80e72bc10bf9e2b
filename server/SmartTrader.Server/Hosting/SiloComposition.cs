using SmartTrader.Runtime;
using SmartTrader.Runtime.Storage.Hosting;
using SmartTrader.Server.Clustering;
using SmartTrader.Server.Identity;
using SmartTrader.Server.Realtime;
using SmartTrader.Trading;
using SmartTrader.Trading.Hosting;

namespace SmartTrader.Server.Hosting;

/// <summary>The silo this process hosts: storage, the grain runtime, the trading grains and the server's own grains; in cluster mode, a member of the cluster.</summary>
internal static class SiloComposition
{
    /// <summary>Section of <see cref="TradingOptions"/>: symbols, market feed (Trading:FeedEnabled), slippage, commissions.</summary>
    public const string TradingSection = "Trading";

    /// <summary>Section of <see cref="SiloOptions"/>: collection age, call timeout, reminder refresh.</summary>
    public const string SiloSection = "Silo";

    public static IServiceCollection AddSilo(this IServiceCollection services, SmartTraderOptions options, IConfiguration configuration)
    {
        // Storage first: its schema migration is a hosted service that must finish before the runtime starts.
        if (options.Storage == StorageProvider.Postgres)
            services.AddPostgresGrainStorage(options.ConnectionString!);
        else
        {
            // The embedded database holds password hashes, sessions and every order.
            PrivateDirectory.Create(options.DataDirectory);
            services.AddSqliteGrainStorage(options.DatabasePath);
        }

        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloSection));
        // The trading grains come with AddTrading below; the server adds its own (users).
        services.AddGrainRuntime().AddGrainsFrom(typeof(UserGrain).Assembly);

        // Registered before AddTrading, which otherwise falls back to a sink that drops every event.
        services.AddSingleton<ITradingEvents, HubTradingEvents>();
        services.AddOptions<TradingOptions>().Bind(configuration.GetSection(TradingSection));
        services.AddTrading();
        services.AddSingleton<ClusterOverview>();
        if (options.Cluster) services.AddClusterMember(configuration, options.ConnectionString!);
        return services;
    }
}
