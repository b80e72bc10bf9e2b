using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// This silo's membership state: its address, the latest snapshot of the table, its own status, its heartbeat lease
/// and its fence. The membership agent writes it; placement, the directory and the runtime read it from memory.
/// With the transport registered, the address is the transport's bound endpoint, and the transport hears of every
/// peer this silo sees declared dead. A lapsed lease stops serving until the next heartbeat renews it; the fence
/// (declared dead, row gone) stops it for good.
/// </summary>
internal sealed class ClusterMembership : IClusterMembership, ILocalSilo, ISiloFence
{
    private readonly TimeProvider _time;
    private readonly long _leaseLength;
    private readonly TimeSpan _deathLimit;
    private readonly ILogger _logger;
    private readonly ISiloDeathObserver? _deathObserver;
    private readonly Lock _publishLock = new();
    private volatile MembershipSnapshot _current = MembershipSnapshot.Empty;
    private volatile string? _fenceReason;
    private volatile SiloStatus _localStatus = SiloStatus.Joining;
    private long _leaseExpiresAt;
    private bool _joined;
    private bool _servingObserved;

    public ClusterMembership(
        IOptions<ClusterOptions> options, TimeProvider time, ILogger<ClusterMembership> logger,
        ClusterEndpoint? endpoint = null, ISiloDeathObserver? deathObserver = null)
    {
        _time = time;
        _deathLimit = options.Value.DeathLimit;
        _leaseLength = (long)(_deathLimit.TotalSeconds * time.TimestampFrequency);
        _logger = logger;
        _deathObserver = deathObserver;
        var generation = SiloGeneration.Next(time);
        // Binds the transport's socket now, before the silo joins, so the address names a port that is listening.
        LocalSilo = endpoint?.AddressFor(generation) ?? new ClusterSiloAddress(options.Value.Host, options.Value.Port, generation);
        Address = LocalSilo.ToSiloAddress();
    }

    public ClusterSiloAddress LocalSilo { get; }
    public SiloAddress Address { get; }
    public MembershipSnapshot Current => _current;
    public SiloStatus LocalStatus => _localStatus;

    public bool IsServing => _fenceReason is null && _time.GetTimestamp() < Volatile.Read(ref _leaseExpiresAt);

    /// <summary>Announced ShuttingDown (or left): new activations go to other silos.</summary>
    public bool IsLeaving => _localStatus is SiloStatus.ShuttingDown or SiloStatus.Dead;

    public string? FenceReason => _fenceReason;

    public event Action<MembershipSnapshot>? Changed;

    /// <summary>Raised once, with the reason, when this silo stops serving for good.</summary>
    public event Action<string>? Fenced;

    /// <summary>Raised (on the membership agent's thread) when the lease lapses, with false, and when a heartbeat renews it, with true.</summary>
    public event Action<bool>? ServingChanged;

    public void ThrowIfFenced()
    {
        if (IsServing) return;
        throw new SiloNotServingException($"Silo {LocalSilo} is not serving: " + (_fenceReason ?? (Volatile.Read(ref _leaseExpiresAt) == 0
            ? "it has not joined the cluster."
            : $"it has not reached the membership table for {_deathLimit}; it serves again once it does.")));
    }

    /// <summary>A heartbeat that started at <paramref name="startedAt"/> (a timestamp) committed: serve until then plus the death limit.</summary>
    public void RenewLease(long startedAt)
    {
        var expiresAt = startedAt + _leaseLength;
        var current = Volatile.Read(ref _leaseExpiresAt);
        while (expiresAt > current)
        {
            var seen = Interlocked.CompareExchange(ref _leaseExpiresAt, expiresAt, current);
            if (seen == current) return;
            current = seen;
        }
    }

    /// <summary>
    /// Called by the membership agent every round, after its heartbeat: notices a lease that lapsed since, or one that
    /// a heartbeat renewed after a lapse, logs it and raises <see cref="ServingChanged"/>.
    /// </summary>
    public void ObserveServing()
    {
        var serving = IsServing;
        if (!_joined || serving == _servingObserved || _fenceReason is not null) return;
        _servingObserved = serving;
        if (serving) _logger.ServingAgain(LocalSilo);
        else _logger.LeaseLapsed(LocalSilo, _deathLimit);
        ServingChanged?.Invoke(serving);
    }

    public void SetLocalStatus(SiloStatus status)
    {
        _localStatus = status;
        if (status != SiloStatus.Active) return;
        _joined = true;
        _servingObserved = IsServing;
    }

    /// <summary>Swaps in a newer read of the table; raises <see cref="Changed"/> when the cluster version moved.</summary>
    public void Publish(MembershipSnapshot snapshot)
    {
        MembershipSnapshot previous;
        lock (_publishLock)
        {
            previous = _current;
            if (snapshot.Version < previous.Version) return;
            _current = snapshot;
            if (snapshot.Version != previous.Version) Changed?.Invoke(snapshot);
        }
        if (snapshot.Version != previous.Version) TellDeaths(previous, snapshot);
        var own = snapshot.Find(LocalSilo);
        if (own is { Status: SiloStatus.Dead } && _localStatus != SiloStatus.Dead) Fence("a peer declared it dead.");
        else if (own is null && _joined && _localStatus != SiloStatus.Dead) Fence("its row is gone from the membership table.");
    }

    /// <summary>
    /// Peers that turned Dead without announcing ShuttingDown were declared dead (or died while joining): their pending
    /// calls fail at once instead of waiting for their timeout. A silo that left gracefully still answers late calls
    /// during its drain, so its calls are left alone.
    /// </summary>
    private void TellDeaths(MembershipSnapshot previous, MembershipSnapshot current)
    {
        if (_deathObserver is null) return;
        foreach (var silo in current.Silos)
        {
            if (silo.Status != SiloStatus.Dead || silo.Address == LocalSilo) continue;
            if (previous.Find(silo.Address) is { Status: SiloStatus.Active or SiloStatus.Joining })
                _deathObserver.OnSiloDeclaredDead(silo.Address);
        }
    }

    /// <summary>Stops serving for good. Returns false when already fenced.</summary>
    public bool Fence(string reason, bool notify = true)
    {
        if (Interlocked.CompareExchange(ref _fenceReason, reason, null) is not null) return false;
        _logger.Fenced(LocalSilo, reason);
        if (notify) Fenced?.Invoke(reason);
        return true;
    }
}
