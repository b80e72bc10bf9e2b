using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Joins the cluster before any hosted service starts (the grain runtime's reminders need the membership) and, on a
/// graceful stop, hands this silo's grains off before any hosted service stops (the transport must still answer):
/// ShuttingDown, a drain so peers stop placing grains here, deactivation of every activation (each writes its state
/// and releases its directory claim), Dead, and a second drain while late calls are still forwarded. After each change
/// of status the peers are asked to re-read the table at once, and each drain starts when all have (or after
/// <see cref="ClusterOptions.DatabaseTimeout"/>): on a busy host a heartbeat may come later than the drain lasts.
/// </summary>
internal sealed class ClusterHostedService(
    MembershipAgent agent,
    ClusterMembership membership,
    GrainCatalog catalog,
    IGrainDirectoryTable directory,
    IServiceProvider services,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<ClusterHostedService> logger) : IHostedLifecycleService
{
    private readonly ClusterOptions _options = options.Value;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        membership.Fenced += OnFenced;
        (services.GetService(typeof(ClusterTransportListener)) as ClusterTransportListener)?.Start();
        await agent.JoinAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!membership.IsServing || membership.LocalStatus != SiloStatus.Active) return;
        try
        {
            await agent.BeginLeavingAsync(cancellationToken);
            await PeersRereadAsync(cancellationToken);
            await Task.Delay(_options.ShutdownDrainDelay, time, cancellationToken);
            await catalog.ShutdownAsync().WaitAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.DatabaseTimeout);
            var released = await directory.UnregisterAllAsync(membership.Address, timeout.Token);
            await agent.CompleteLeavingAsync(cancellationToken);
            logger.Left(membership.LocalSilo, released);
            await PeersRereadAsync(cancellationToken);
            await Task.Delay(_options.ShutdownDrainDelay, time, cancellationToken);
        }
        catch (Exception e)
        {
            logger.LeaveFailed(e, membership.LocalSilo);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PeersRereadAsync(CancellationToken cancellationToken)
    {
        if (services.GetService(typeof(TransportClient)) is not TransportClient transport) return;
        var peers = membership.Current.Silos.Where(s => s.IsLive && s.Address != membership.LocalSilo).ToList();
        var answers = await Task.WhenAll(peers.Select(peer =>
            transport.AskToRereadMembershipAsync(peer.Address.ToSiloAddress(), _options.DatabaseTimeout, cancellationToken)));
        var unconfirmed = answers.Count(a => a != ProbeAnswer.Serving);
        if (unconfirmed > 0) logger.PeersUnconfirmed(membership.LocalSilo, unconfirmed, peers.Count, _options.DatabaseTimeout);
    }

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        membership.Fenced -= OnFenced;
        return agent.StopLoopAsync();
    }

    /// <summary>Runs the reaction off the membership agent's loop, which the host's stop waits for.</summary>
    private void OnFenced(string reason) => ThreadPool.QueueUserWorkItem(_ =>
    {
        if (_options.OnFenced is { } callback)
        {
            callback(reason);
            return;
        }
        // The host reads its shutdown timeout when the stop begins, from this same options instance.
        if ((services.GetService(typeof(IOptions<HostOptions>)) as IOptions<HostOptions>)?.Value is { } host && host.ShutdownTimeout > _options.FencedShutdownTimeout)
            host.ShutdownTimeout = _options.FencedShutdownTimeout;
        (services.GetService(typeof(IHostApplicationLifetime)) as IHostApplicationLifetime)?.StopApplication();
    });
}
