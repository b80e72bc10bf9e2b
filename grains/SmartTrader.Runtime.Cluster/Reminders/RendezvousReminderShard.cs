namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Reminders are sharded like grains: this silo fires the reminders of the grains whose rendezvous owner it is among
/// the Active silos, so a reminder usually fires where its grain lives. A silo that is not Active or not serving fires
/// none; on every membership change, and when this silo stops or starts serving again, the reminder service re-reads
/// its share, so a dead silo's reminders fire on the survivors.
/// </summary>
internal sealed class RendezvousReminderShard : IReminderShard
{
    private readonly ClusterMembership _membership;
    private readonly ClusterPlacement _placement;

    public RendezvousReminderShard(ClusterMembership membership, ClusterPlacement placement)
    {
        _membership = membership;
        _placement = placement;
        placement.ViewChanged += _ => Changed?.Invoke();
        membership.ServingChanged += _ => Changed?.Invoke();
    }

    public event Action? Changed;

    public bool Owns(GrainId grainId) =>
        _membership is { LocalStatus: SiloStatus.Active, IsServing: true }
        && _placement.View.ActiveSilos.OwnerOf(grainId) == _membership.Address;
}
