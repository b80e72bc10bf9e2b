using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime.Cluster;

internal static partial class ClusterLog
{
    [LoggerMessage(100, LogLevel.Information, "Silo {Silo} joined the cluster as Active ({View})")]
    public static partial void Joined(this ILogger logger, ClusterSiloAddress silo, MembershipSnapshot view);

    [LoggerMessage(101, LogLevel.Critical, "Silo {Silo} stops serving: {Reason}")]
    public static partial void Fenced(this ILogger logger, ClusterSiloAddress silo, string reason);

    [LoggerMessage(102, LogLevel.Warning, "Heartbeat of silo {Silo} failed")]
    public static partial void HeartbeatFailed(this ILogger logger, Exception exception, ClusterSiloAddress silo);

    [LoggerMessage(103, LogLevel.Warning, "Reading the membership table failed")]
    public static partial void ReadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Warning, "Declared silo {Silo} dead: no heartbeat for {Silence}, {Reason}")]
    public static partial void DeclaredDead(this ILogger logger, ClusterSiloAddress silo, TimeSpan silence, string reason);

    [LoggerMessage(105, LogLevel.Information, "Silo {Silo} has not heartbeated for {Silence} but answers probes, and this silo has not reached the table long enough to judge it; not declared dead")]
    public static partial void SilentButAnswering(this ILogger logger, ClusterSiloAddress silo, TimeSpan silence);

    [LoggerMessage(106, LogLevel.Warning, "Declaring silo {Silo} dead failed")]
    public static partial void DeclareFailed(this ILogger logger, Exception exception, ClusterSiloAddress silo);

    [LoggerMessage(107, LogLevel.Warning, "Silo {Previous} is an earlier life of this endpoint; declared dead")]
    public static partial void RetiredPreviousLife(this ILogger logger, ClusterSiloAddress previous);

    [LoggerMessage(108, LogLevel.Information, "Deleted {Count} membership rows of silos dead for over {Retention}")]
    public static partial void DeletedDeadSilos(this ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(109, LogLevel.Warning, "Cleaning up dead silos failed")]
    public static partial void CleanupFailed(this ILogger logger, Exception exception);

    [LoggerMessage(110, LogLevel.Information, "Membership changed: {View}")]
    public static partial void ViewChanged(this ILogger logger, MembershipSnapshot view);

    [LoggerMessage(111, LogLevel.Information, "Silo {Silo} is shutting down: handing its grains off")]
    public static partial void Leaving(this ILogger logger, ClusterSiloAddress silo);

    [LoggerMessage(112, LogLevel.Information, "Silo {Silo} left the cluster ({Released} directory entries released)")]
    public static partial void Left(this ILogger logger, ClusterSiloAddress silo, int released);

    [LoggerMessage(113, LogLevel.Warning, "Directory operation for {GrainId} failed")]
    public static partial void DirectoryFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(118, LogLevel.Warning, "Silo {Silo} is leaving; {Unconfirmed} of {Peers} peers did not confirm within {Limit} that they re-read the membership table, and learn of it at their next heartbeat")]
    public static partial void PeersUnconfirmed(this ILogger logger, ClusterSiloAddress silo, int unconfirmed, int peers, TimeSpan limit);

    [LoggerMessage(114, LogLevel.Warning, "Graceful leave of silo {Silo} failed; its peers will declare it dead")]
    public static partial void LeaveFailed(this ILogger logger, Exception exception, ClusterSiloAddress silo);

    [LoggerMessage(115, LogLevel.Error, "A membership round failed; the next one runs as usual")]
    public static partial void TickFailed(this ILogger logger, Exception exception);

    [LoggerMessage(116, LogLevel.Error, "Silo {Silo} stops serving until it reaches the membership table again: no heartbeat committed for {DeathLimit}")]
    public static partial void LeaseLapsed(this ILogger logger, ClusterSiloAddress silo, TimeSpan deathLimit);

    [LoggerMessage(117, LogLevel.Warning, "Silo {Silo} serves again: a heartbeat renewed its lease and no peer had declared it dead")]
    public static partial void ServingAgain(this ILogger logger, ClusterSiloAddress silo);
}
