using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Server.Observability;

public static class HealthChecks
{
    private const string Ready = "ready";

    public static IServiceCollection AddSmartTraderHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [Ready])
            .AddCheck<SiloStartedHealthCheck>("silo", tags: [Ready])
            .AddCheck<PreTradeGateHealthCheck>("pre-trade", tags: [Ready])
            .AddCheck<ClusterMemberHealthCheck>("cluster", tags: [Ready]);
        return services;
    }

    public static void MapSmartTraderHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
    }

    private sealed class StorageHealthCheck(IGrainStorage storage) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await storage.IsHealthyAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Grain storage does not answer.");
    }

    /// <summary>Orders are refused until a pre-trade ruleset is active on this silo, so until then it is not ready.</summary>
    private sealed class PreTradeGateHealthCheck(ActiveRulesets rulesets) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(rulesets.PreTrade is { } gate
                ? HealthCheckResult.Healthy($"{gate.Version.Ruleset} version {gate.Version.Version}")
                : HealthCheckResult.Unhealthy("No pre-trade ruleset is active: orders are refused."));
    }

    /// <summary>A clustered silo takes requests only while it is Active and serving (not fenced); a single silo always passes.</summary>
    private sealed class ClusterMemberHealthCheck(IServiceProvider services) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(services.GetService<IClusterMembership>() switch
            {
                null => HealthCheckResult.Healthy("Single silo."),
                { IsServing: true, LocalStatus: SiloStatus.Active } m => HealthCheckResult.Healthy($"{m.LocalSilo} is Active."),
                var m => HealthCheckResult.Unhealthy($"{m.LocalSilo} is {m.LocalStatus}{(m.IsServing ? "" : ", not serving")}."),
            });
    }

    /// <summary>The host signals ApplicationStarted once every hosted service, the silo included, has started.</summary>
    private sealed class SiloStartedHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The silo is starting or stopping."));
    }
}
