using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Runtime.Storage.GroupCommit;
using SmartTrader.Runtime.Storage.Statistics;
using SmartTrader.Trading.Hosting;

namespace SmartTrader.Server.Clustering;

/// <summary>GET /api/cluster: every silo this silo knows of, with its status and activation counts.</summary>
public sealed record ClusterView(string Mode, long? MembershipVersion, string LocalSilo, IReadOnlyList<SiloView> Silos);

/// <summary>
/// One silo. Heartbeat times are the database's clock. <see cref="Activations"/> is this silo's live count for the
/// local silo and the last report (every few seconds) for the others; null when none has arrived. <see cref="RemoteCalls"/>
/// is given for the local silo only: the grain calls it sent to and received from other silos since it started; so are
/// <see cref="Process"/>, what its process has spent since it started, and <see cref="Storage"/>, what its grain storage
/// writer has committed (null for in-memory storage).
/// </summary>
public sealed record SiloView(
    string Address, string Name, string Status, long? Generation, DateTimeOffset? StartedAt, DateTimeOffset? HeartbeatAt,
    double? HeartbeatAgeSeconds, bool IsLocal, bool RunsMarketFeed, ActivationCounts? Activations, RemoteCallCounts? RemoteCalls = null,
    ProcessFigures? Process = null, StorageStatistics? Storage = null);

public sealed record ActivationCounts(int Total, IReadOnlyDictionary<string, int> ByType, DateTimeOffset CountedAt);

internal sealed partial class ClusterOverview(
    IServiceProvider services, ILocalSilo localSilo, IGrainRuntimeDiagnostics diagnostics, IGrainFactory grains,
    IMarketFeedLeadership feed, TimeProvider time, ILogger<ClusterOverview> logger)
{
    public Task<ClusterView> GetAsync() =>
        services.GetService<IClusterMembership>() is { } membership ? ClusterAsync(membership) : Task.FromResult(SingleSilo());

    private ClusterView SingleSilo()
    {
        var address = localSilo.Address.Value;
        var silo = new SiloView(address, address, SiloStatus.Active.ToString(), null, null, null, null,
            IsLocal: true, RunsMarketFeed: feed.PublishesHere, LocalCounts(), Process: ProcessFigures.Read(), Storage: StorageFigures());
        return new ClusterView("single", null, address, [silo]);
    }

    private async Task<ClusterView> ClusterAsync(IClusterMembership membership)
    {
        var view = membership.Current;
        var reports = await ReportsAsync();
        var leader = OldestActiveSiloLeadsFeed.Leader(view);
        var silos = view.Silos
            .OrderBy(s => s.Address.Host, StringComparer.Ordinal).ThenBy(s => s.Address.Port).ThenByDescending(s => s.Address.Generation)
            .Select(s =>
            {
                var address = s.Address.ToString();
                var isLocal = s.Address == membership.LocalSilo;
                var counts = isLocal ? LocalCounts()
                    : reports.TryGetValue(address, out var r) ? new ActivationCounts(r.Total, r.ByType, r.ReportedAt) : null;
                return new SiloView(address, s.Name, s.Status.ToString(), s.Address.Generation, s.StartedAt, s.HeartbeatAt,
                    Math.Round(view.HeartbeatAge(s).TotalSeconds, 3), isLocal, s.Address == leader, counts,
                    isLocal ? services.GetService<IRemoteCallStatistics>()?.Counts() : null,
                    isLocal ? ProcessFigures.Read() : null, isLocal ? StorageFigures() : null);
            })
            .ToList();
        return new ClusterView("cluster", view.Version, membership.LocalSilo.ToString(), silos);
    }

    /// <summary>The other silos' reports; empty (with a warning) when the registry grain does not answer.</summary>
    private async Task<Dictionary<string, SiloActivations>> ReportsAsync()
    {
        try
        {
            var reports = await grains.GetGrain<ISiloActivationsGrain>(ISiloActivationsGrain.Key).List();
            return reports.ToDictionary(r => r.Silo, StringComparer.Ordinal);
        }
        catch (Exception e)
        {
            LogReportsUnavailable(e);
            return [];
        }
    }

    private StorageStatistics? StorageFigures() => (services.GetService<IGrainStorage>() as GroupCommitGrainStorage)?.Statistics;

    private ActivationCounts LocalCounts() =>
        new(diagnostics.ActivationCount, diagnostics.ActivationCountsByType(), time.GetUtcNow());

    [LoggerMessage(LogLevel.Warning, "The other silos' activation counts are unavailable")]
    private partial void LogReportsUnavailable(Exception exception);
}
