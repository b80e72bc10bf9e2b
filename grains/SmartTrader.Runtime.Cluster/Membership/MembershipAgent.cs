using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Runs this silo's side of the membership protocol: joining, then every heartbeat period writing its heartbeat,
/// re-reading the table and declaring silent peers dead, and finally leaving. docs/cluster.md describes the protocol.
/// A silo judges its peers' silence only over the time it reached the table itself, so after a database outage the
/// heartbeats that nobody could write condemn nobody.
/// </summary>
internal sealed class MembershipAgent(
    IMembershipTable table,
    ClusterMembership membership,
    IServiceProvider services,
    IOptions<ClusterOptions> options,
    IOptions<SiloOptions> siloOptions,
    TimeProvider time,
    ILogger<MembershipAgent> logger) : IAsyncDisposable, IDisposable
{
    private readonly ClusterOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _ownVersion;
    private ISiloProbe? _probe;

    /// <summary>The table's time at the first read of this silo's current unbroken run of rounds that reached the table; null while it does not.</summary>
    private DateTimeOffset? _inContactSince;

    private ClusterSiloAddress Local => membership.LocalSilo;

    /// <summary>
    /// Inserts this silo as Joining, retires earlier lives of its endpoint, declares silent peers that do not answer a
    /// probe dead (so a cold start after a full outage never waits on them), becomes Active and starts the heartbeat loop.
    /// </summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        _probe = services.GetService<ISiloProbe>() ?? throw new InvalidOperationException(
            "A clustered silo needs the silo-to-silo transport: no ISiloProbe (nor IRemoteGrainInvoker) is registered.");
        await table.InitializeAsync(cancellationToken);
        var started = time.GetTimestamp();
        await WithTimeout(ct => table.InsertJoiningAsync(Local, siloOptions.Value.SiloName, ct), cancellationToken);
        _ownVersion = 1;
        membership.RenewLease(started);

        var snapshot = await ReadAsync(cancellationToken);
        await RetirePreviousLivesAsync(snapshot, cancellationToken);
        await DeclareSilentPeersDeadAsync(snapshot, cancellationToken);
        await ChangeOwnStatusAsync(SiloStatus.Active, cancellationToken);
        logger.Joined(Local, await ReadAsync(cancellationToken));
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Announces ShuttingDown: peers stop placing grains here and this silo's reminders move to them.</summary>
    public async Task BeginLeavingAsync(CancellationToken cancellationToken)
    {
        logger.Leaving(Local);
        await ChangeOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken);
        await ReadAsync(cancellationToken);
    }

    /// <summary>Stops heartbeating and marks this silo Dead, after it has handed its grains off.</summary>
    public async Task CompleteLeavingAsync(CancellationToken cancellationToken)
    {
        await StopLoopAsync();
        await ChangeOwnStatusAsync(SiloStatus.Dead, cancellationToken);
    }

    /// <summary>
    /// Stops at once, writing nothing: the table still says Active until peers notice the silence. For the test harness's
    /// abrupt kill.
    /// </summary>
    public void Halt()
    {
        membership.Fence("halted.", notify: false);
        _stopping.Cancel();
    }

    /// <summary>Stops the heartbeat loop and waits for it. Idempotent, and safe after the agent was disposed.</summary>
    public async Task StopLoopAsync()
    {
        // Dispose cancels before it disposes, so a stop after it (a host stopped after its services were) skips the
        // cancel that a disposed source would refuse.
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync();
        _stopping.Dispose();
    }

    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested) _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping) && membership.FenceReason is null)
            {
                try
                {
                    await TickAsync(stopping);
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    logger.TickFailed(e);
                }
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// One round. A heartbeat that fails leaves the lease to lapse (the silo stops serving) but stops nothing: the next
    /// heartbeat that commits renews it, unless a peer declared this silo dead meanwhile. Peers are judged only in
    /// rounds where both the heartbeat and the read reached the table.
    /// </summary>
    private async Task TickAsync(CancellationToken stopping)
    {
        // Observed before the heartbeat as well: the previous round's database calls may have outlasted the lease.
        membership.ObserveServing();
        var heartbeat = await HeartbeatAsync(stopping);
        if (membership.FenceReason is not null) return;
        membership.ObserveServing();

        MembershipSnapshot snapshot;
        try
        {
            snapshot = await ReadAsync(stopping);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            _inContactSince = null;
            logger.ReadFailed(e);
            return;
        }
        if (membership.FenceReason is not null) return;
        if (!heartbeat)
        {
            _inContactSince = null;
            return;
        }
        _inContactSince ??= snapshot.ReadAt;
        await DeclareSilentPeersDeadAsync(snapshot, stopping);
        await DeleteLongDeadAsync(snapshot, stopping);
    }

    /// <summary>True when the heartbeat committed.</summary>
    private async Task<bool> HeartbeatAsync(CancellationToken stopping)
    {
        var started = time.GetTimestamp();
        try
        {
            if (await WithTimeout(ct => table.HeartbeatAsync(Local, ct), stopping)) membership.RenewLease(started);
            else membership.Fence("its membership row is dead or gone.");
            return true;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.HeartbeatFailed(e, Local);
            return false;
        }
    }

    /// <summary>
    /// Reads the table now, beside the loop, because a peer said it changed (it is leaving): the silo learns of it
    /// before the peer stops answering, not at its next heartbeat. False when the read failed, which is logged; the
    /// loop reads again.
    /// </summary>
    public async Task<bool> RereadAsync()
    {
        try
        {
            await ReadAsync(CancellationToken.None);
            return true;
        }
        catch (Exception e)
        {
            logger.ReadFailed(e);
            return false;
        }
    }

    private async Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var previous = membership.Current.Version;
        var snapshot = await WithTimeout(table.ReadAsync, cancellationToken);
        membership.Publish(snapshot);
        if (snapshot.Version != previous) logger.ViewChanged(snapshot);
        return snapshot;
    }

    private async Task ChangeOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        // Only peers declaring this silo dead change its row besides itself: a lost swap means exactly that.
        var version = await WithTimeout(ct => table.TryChangeStatusAsync(Local, _ownVersion, status, ct), cancellationToken);
        if (version is null)
        {
            membership.Fence("a peer declared it dead.");
            throw new SiloNotServingException($"Silo {Local} could not become {status}: a peer declared it dead.");
        }
        _ownVersion = version.Value;
        membership.SetLocalStatus(status);
    }

    /// <summary>A silo restarted on this endpoint: its earlier lives are dead by definition, and a later one means a clock went back.</summary>
    private async Task RetirePreviousLivesAsync(MembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        var sameEndpoint = snapshot.Silos.Where(s => s.IsLive && s.Address != Local && s.Address.Host == Local.Host && s.Address.Port == Local.Port).ToList();
        if (sameEndpoint.FirstOrDefault(s => s.Address.Generation > Local.Generation) is { } later)
            throw new InvalidOperationException(
                $"Silo {later.Address} is a later life of this endpoint than {Local}: two silos share {Local.Host}:{Local.Port}, or the clock went back.");
        foreach (var previous in sameEndpoint)
        {
            if (await WithTimeout(ct => table.TryChangeStatusAsync(previous.Address, previous.Version, SiloStatus.Dead, ct), cancellationToken) is not null)
                logger.RetiredPreviousLife(previous.Address);
        }
    }

    /// <summary>
    /// Peers whose heartbeat in the table is older than the death limit are silent; they are probed, all at once, and
    /// declared dead for one of the reasons of <see cref="ReasonToDeclareAsync"/>.
    /// </summary>
    private async Task DeclareSilentPeersDeadAsync(MembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        var silent = snapshot.Silos
            .Where(s => s.IsLive && s.Address != Local && snapshot.HeartbeatAge(s) > _options.DeathLimit)
            .ToList();
        if (silent.Count == 0) return;
        var declared = await Task.WhenAll(silent.Select(s => TryDeclareDeadAsync(s, snapshot.HeartbeatAge(s), SilenceSeen(s, snapshot), cancellationToken)));
        if (declared.Any(d => d)) await ReadAsync(cancellationToken);
    }

    /// <summary>
    /// How long this silo, while reaching the table, has seen the peer's heartbeat stand still: nothing while joining
    /// (it has no history), so a joining silo declares only peers that do not answer the probe.
    /// </summary>
    private TimeSpan SilenceSeen(SiloRecord silo, MembershipSnapshot snapshot)
    {
        var since = _inContactSince ?? snapshot.ReadAt;
        return snapshot.ReadAt - (silo.HeartbeatAt > since ? silo.HeartbeatAt : since);
    }

    private async Task<bool> TryDeclareDeadAsync(SiloRecord silo, TimeSpan silence, TimeSpan silenceSeen, CancellationToken cancellationToken)
    {
        try
        {
            if (await ReasonToDeclareAsync(silo.Address, silenceSeen, cancellationToken) is not { } reason)
            {
                logger.SilentButAnswering(silo.Address, silence);
                return false;
            }
            var won = await WithTimeout(ct => table.TryDeclareDeadAsync(silo.Address, silo.Version, _options.DeathLimit, ct), cancellationToken);
            if (won) logger.DeclaredDead(silo.Address, silence, reason);
            return won;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.DeclareFailed(e, silo.Address);
            return false;
        }
    }

    /// <summary>
    /// Why a silent peer is dead, or null when it is not (yet):
    /// <list type="bullet">
    /// <item>it does not answer a probe: evidence whatever this silo's own history, so a joining silo retires the rows
    /// of killed silos at once;</item>
    /// <item>it answers that it is not serving, and this silo has seen it silent for the death limit while reaching
    /// the table itself: it is alive but cut off from the database while its peers are not;</item>
    /// <item>this silo has seen it silent for twice the limit: its lease ran out long before, whatever it answers.</item>
    /// </list>
    /// Silence while this silo could not reach the table, as during a database outage, counts against nobody.
    /// </summary>
    private async Task<string?> ReasonToDeclareAsync(ClusterSiloAddress silo, TimeSpan silenceSeen, CancellationToken cancellationToken)
    {
        if (silenceSeen > 2 * _options.DeathLimit) return "silent for twice the limit while this silo reached the table";
        return await ProbeAsync(silo, cancellationToken) switch
        {
            ProbeAnswer.NoAnswer => "no answer to a probe",
            ProbeAnswer.NotServing when silenceSeen > _options.DeathLimit => "it answers that it cannot reach the table, which this silo reaches",
            _ => null,
        };
    }

    private async Task<ProbeAnswer> ProbeAsync(ClusterSiloAddress silo, CancellationToken cancellationToken)
    {
        try
        {
            return await _probe!.ProbeAsync(silo, _options.ProbeTimeout, cancellationToken).WaitAsync(_options.ProbeTimeout, time, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeAnswer.NoAnswer;
        }
    }

    private async Task DeleteLongDeadAsync(MembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        var retention = _options.DeadSiloRetention;
        if (!snapshot.Silos.Any(s => s.Status == SiloStatus.Dead && snapshot.ReadAt - s.StatusChangedAt > retention)) return;
        try
        {
            var deleted = await WithTimeout(ct => table.DeleteDeadAsync(retention, ct), cancellationToken);
            if (deleted > 0) logger.DeletedDeadSilos(deleted, retention);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.CleanupFailed(e);
        }
    }

    /// <summary>
    /// Cancels the operation after <see cref="ClusterOptions.DatabaseTimeout"/> and stops waiting for it then, whether or
    /// not it honours the cancellation. With the network path to PostgreSQL gone, a cancelled Npgsql statement keeps
    /// waiting for the server's answer and fails only at its command timeout (30 s); the loop would stand still with it,
    /// and once the path is back, neither renew the lease nor read that a peer declared this silo dead until then.
    /// </summary>
    private async Task<T> WithTimeout<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.DatabaseTimeout);
        var call = operation(timeout.Token);
        try
        {
            return await call.WaitAsync(_options.DatabaseTimeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            _ = call.ContinueWith(static c => c.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    private Task WithTimeout(Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        WithTimeout(async ct => { await operation(ct); return true; }, cancellationToken);
}
