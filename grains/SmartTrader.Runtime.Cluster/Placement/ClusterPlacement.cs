namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Answers, from memory, which silo a call for a grain goes to: the holder this silo learned from the directory, else
/// the grain's rendezvous owner among the Active silos (a grain placed with another is scored as that one, see
/// <see cref="PlaceWithAttribute"/>). A silo that receives a call for a grain another silo holds
/// forwards it there (its catalog asks the directory before activating), so a stale answer costs a hop, never a
/// second activation.
/// </summary>
internal sealed class ClusterPlacement : IGrainPlacement, ISiloRoster
{
    private readonly ClusterMembership _membership;
    private readonly GrainTypeRegistry _registry;
    private readonly Lock _lock = new();
    private volatile PlacementView _view = PlacementView.Empty;

    public ClusterPlacement(ClusterMembership membership, GrainTypeRegistry registry)
    {
        _membership = membership;
        _registry = registry;
        membership.Changed += OnMembershipChanged;
        OnMembershipChanged(membership.Current);
    }

    public DirectoryCache Cache { get; } = new();

    public PlacementView View => _view;

    /// <summary>Raised after the view and the cache reflect a new membership snapshot.</summary>
    public event Action<PlacementView>? ViewChanged;

    public SiloAddress GetOwner(GrainId grainId)
    {
        _membership.ThrowIfFenced();
        if (Cache.TryGet(grainId, out var holder)) return holder;
        return _view.ActiveSilos.OwnerOf(_registry.PlacementIdOf(grainId))
            ?? throw new SiloNotServingException($"No Active silo in the cluster to place {grainId} on ({_view.Snapshot}).");
    }

    /// <summary>The live silos of the current view, this one always among them.</summary>
    public IReadOnlyList<SiloAddress> Live
    {
        get
        {
            var live = _view.LiveSilos;
            var local = _membership.Address;
            return live.Contains(local) ? live : [.. live, local];
        }
    }

    /// <summary>Another silo answered that <paramref name="holder"/> hosts the grain: send its calls there from now on.</summary>
    public void Learn(GrainId grainId, SiloAddress holder)
    {
        if (_view.IsLive(holder)) Cache.Set(grainId, holder);
    }

    /// <summary>A call to <paramref name="holder"/> found it unreachable or replaced: stop sending the grain's calls there from memory.</summary>
    public void Forget(GrainId grainId, SiloAddress holder) => Cache.Remove(grainId, holder);

    /// <summary>The rendezvous owner among the Active silos other than this one; null when there is none.</summary>
    public SiloAddress? OwnerAmongOthers(GrainId grainId)
    {
        var view = _view;
        var local = _membership.LocalSilo;
        var placementId = _registry.PlacementIdOf(grainId);
        if (!view.ActiveSilos.Silos.Contains(local)) return view.ActiveSilos.OwnerOf(placementId);
        return new RendezvousPlacement(view.ActiveSilos.Silos.Where(s => s != local)).OwnerOf(placementId);
    }

    private void OnMembershipChanged(MembershipSnapshot snapshot)
    {
        PlacementView view;
        lock (_lock)
        {
            if (snapshot.Version < _view.Version) return;
            view = new PlacementView(snapshot);
            _view = view;
            Cache.RemoveHoldersNotIn(view);
        }
        ViewChanged?.Invoke(view);
    }
}
