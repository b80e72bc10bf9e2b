using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The catalog's gate to the grain directory table: before a grain activates here it is claimed for this silo (first
/// writer wins); when another live silo holds it, the waiting calls go there instead. A silo that is leaving claims
/// nothing and sends new activations to the grain's owner among the remaining Active silos.
/// </summary>
internal sealed class ClusterActivationDirectory(
    IGrainDirectoryTable table,
    ClusterMembership membership,
    ClusterPlacement placement,
    IOptions<ClusterOptions> options,
    ILogger<ClusterActivationDirectory> logger) : IActivationDirectory
{
    private readonly TimeSpan _timeout = options.Value.DatabaseTimeout;

    private SiloAddress Local => membership.Address;
    private DirectoryCache Cache => placement.Cache;

    public async ValueTask<SiloAddress?> RegisterAsync(GrainId grainId)
    {
        if (membership.IsLeaving) return await HandOffAsync(grainId);
        membership.ThrowIfFenced();
        if (Cache.TryGet(grainId, out var known) && known != Local && placement.View.IsLive(known)) return known;

        using var timeout = new CancellationTokenSource(_timeout);
        var holder = await table.RegisterAsync(grainId, Local, timeout.Token);
        Cache.Set(grainId, holder);
        return holder == Local ? null : holder;
    }

    public async ValueTask UnregisterAsync(GrainId grainId)
    {
        Cache.Remove(grainId, Local);
        if (membership.FenceReason is not null) return;
        await ReleaseAsync(grainId);
    }

    public async ValueTask<bool> HandOverAsync(GrainId grainId, SiloAddress silo)
    {
        membership.ThrowIfFenced();
        using var timeout = new CancellationTokenSource(_timeout);
        var passed = await table.TransferAsync(grainId, Local, silo, timeout.Token);
        if (passed) Cache.Set(grainId, silo);
        else Cache.Remove(grainId, Local);
        return passed;
    }

    /// <summary>Releases any claim of this silo first, so the silo taking over is not sent back here.</summary>
    private async Task<SiloAddress> HandOffAsync(GrainId grainId)
    {
        Cache.Remove(grainId, Local);
        await ReleaseAsync(grainId);
        return placement.OwnerAmongOthers(grainId)
            ?? throw new SiloNotServingException($"Silo {Local} is leaving and no other Active silo can host {grainId}.");
    }

    private async Task ReleaseAsync(GrainId grainId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_timeout);
            await table.UnregisterAsync(grainId, Local, timeout.Token);
        }
        catch (Exception e)
        {
            logger.DirectoryFailed(e, grainId);
        }
    }
}
