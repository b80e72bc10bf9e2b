namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The membership table. Status changes are compare-and-swaps on a row's version; heartbeats only touch the
/// heartbeat time. Ages and staleness are judged by the table's own clock.
/// </summary>
internal interface IMembershipTable
{
    /// <summary>Creates or migrates the schema.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Inserts a new silo life as Joining, at version 1.</summary>
    Task InsertJoiningAsync(ClusterSiloAddress silo, string name, CancellationToken cancellationToken);

    /// <summary>Sets the status if the row still has <paramref name="expectedVersion"/>; the new version, or null when it had another.</summary>
    Task<long?> TryChangeStatusAsync(ClusterSiloAddress silo, long expectedVersion, SiloStatus status, CancellationToken cancellationToken);

    /// <summary>
    /// Declares a silo Dead if the row still has <paramref name="expectedVersion"/> and its heartbeat is older than
    /// <paramref name="silentFor"/> right now, so a silo that heartbeated meanwhile survives. Only one caller wins.
    /// </summary>
    Task<bool> TryDeclareDeadAsync(ClusterSiloAddress silo, long expectedVersion, TimeSpan silentFor, CancellationToken cancellationToken);

    /// <summary>Moves the heartbeat to now. False when the row is Dead or gone: the silo must stop.</summary>
    Task<bool> HeartbeatAsync(ClusterSiloAddress silo, CancellationToken cancellationToken);

    /// <summary>Deletes rows Dead for longer than <paramref name="deadFor"/>, with their directory entries; returns how many.</summary>
    Task<int> DeleteDeadAsync(TimeSpan deadFor, CancellationToken cancellationToken);
}
