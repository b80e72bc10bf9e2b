using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using SmartTrader.Rules.Governance;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Trading;
using SmartTrader.Trading.Domain;
using SmartTrader.Trading.Hosting;

namespace SmartTrader.Server.Clustering;

/// <summary>
/// Cluster mode (SmartTrader:Cluster=true): this silo joins the others through the PostgreSQL grain storage's
/// database, talks to them over the TCP transport, and solves what only a cluster has (docs/operations/cluster.md):
/// one market feed, rulesets activated on another silo, data-protection keys every silo can read and the database
/// alone cannot.
/// </summary>
internal static class ClusterComposition
{
    /// <summary>Section of <see cref="ClusterTransportOptions"/> beyond Host and Port (timeouts, frame size).</summary>
    public const string TransportSection = "Cluster:Transport";

    /// <summary>Address the transport binds; default: Cluster:Host when it is an IP address, otherwise every interface.</summary>
    public const string ListenHostKey = "Cluster:ListenHost";

    public static IServiceCollection AddClusterMember(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var section = configuration.GetSection(ClusterOptions.Section);
        var cluster = section.Get<ClusterOptions>() ?? new ClusterOptions();

        // The cluster's hosted service starts this listener before it joins and stops it after it has left.
        services.AddOptions<ClusterTransportOptions>().Bind(configuration.GetSection(TransportSection));
        services.AddGrainRuntime().AddClusterTransport(o =>
        {
            o.Host = configuration[ListenHostKey] ?? (IPAddress.TryParse(cluster.Host, out _) ? cluster.Host : "*");
            o.Port = cluster.Port;
            o.AdvertisedHost = cluster.Host;
            RegisterExceptions(o.Exceptions);
        });
        services.AddOptions<ClusterOptions>().Bind(section);
        services.AddCluster();

        services.AddSingleton<IMarketFeedLeadership, OldestActiveSiloLeadsFeed>();
        services.AddHostedService<RulesetActivationPoller>();
        services.AddHostedService<SiloActivationReporter>();
        services.AddSingleton(sp => new KeyRingCipher(sp.GetRequiredService<IOptions<ClusterTransportOptions>>().Value.Secret!));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new PostgresXmlRepository(
                connectionString, sp.GetRequiredService<KeyRingCipher>(), sp.GetRequiredService<ILogger<PostgresXmlRepository>>());
            o.XmlEncryptor = new KeyRingXmlEncryptor(sp.GetRequiredService<KeyRingCipher>());
        }));
        return services;
    }

    /// <summary>
    /// The exceptions the API turns into ProblemDetails must reach it as themselves from any silo. Codecs match the exact
    /// type, so each subclass of <see cref="TradingException"/> needs its own.
    /// </summary>
    private static void RegisterExceptions(RemoteExceptionCodecs exceptions)
    {
        exceptions.Add<TradingException, TradingErrorKind>(e => e.Kind, (message, kind) => new TradingException(kind, message));
        exceptions.Add<IllegalOrderTransitionException, OrderTransition>(
            e => new OrderTransition(e.OrderId, e.From, e.To), (_, t) => new IllegalOrderTransitionException(t.OrderId, t.From, t.To));
        exceptions.Add<RulesetGovernanceException, GovernancePayload>(
            e => new GovernancePayload(e.Kind, e.Diagnostics),
            (message, p) => new RulesetGovernanceException(p.Kind, message, p.Diagnostics));
        exceptions.Add<InconsistentStateException, GrainStateKey>(
            e => e.Key, (_, key) => new InconsistentStateException(key, null, null));
    }

    private sealed record OrderTransition(string OrderId, OrderStatus From, OrderStatus To);

    private sealed record GovernancePayload(GovernanceErrorKind Kind, IReadOnlyList<SmartTrader.Rules.Compilation.RuleDiagnostic> Diagnostics);
}
