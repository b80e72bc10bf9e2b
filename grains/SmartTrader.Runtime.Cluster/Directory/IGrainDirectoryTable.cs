namespace SmartTrader.Runtime.Cluster;

/// <summary>The grain directory: which silo hosts each active grain. The first silo to claim a grain wins.</summary>
internal interface IGrainDirectoryTable
{
    /// <summary>
    /// Claims the grain for <paramref name="silo"/> unless a live silo holds it already. A claim held by a dead or
    /// unknown silo is taken over, with a compare-and-swap on that silo. Returns the silo that holds the claim.
    /// </summary>
    Task<SiloAddress> RegisterAsync(GrainId grainId, SiloAddress silo, CancellationToken cancellationToken);

    /// <summary>Passes the claim from <paramref name="from"/> to <paramref name="to"/> (compare-and-swap); false when <paramref name="from"/> did not hold it.</summary>
    Task<bool> TransferAsync(GrainId grainId, SiloAddress from, SiloAddress to, CancellationToken cancellationToken);

    /// <summary>Drops the claim if <paramref name="silo"/> holds it.</summary>
    Task UnregisterAsync(GrainId grainId, SiloAddress silo, CancellationToken cancellationToken);

    /// <summary>Drops every claim <paramref name="silo"/> holds; returns how many.</summary>
    Task<int> UnregisterAllAsync(SiloAddress silo, CancellationToken cancellationToken);

    Task<SiloAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken);
}
