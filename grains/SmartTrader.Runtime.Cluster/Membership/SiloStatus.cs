namespace SmartTrader.Runtime.Cluster;

/// <summary>A silo's life, in order; no status ever goes back.</summary>
public enum SiloStatus
{
    /// <summary>In the table, not yet hosting grains.</summary>
    Joining,

    /// <summary>Hosting grains: placement spreads new activations over the Active silos.</summary>
    Active,

    /// <summary>Leaving gracefully: handing its grains off; no new activations go there.</summary>
    ShuttingDown,

    /// <summary>Gone, by its own graceful exit or declared by a peer. Its grains reactivate elsewhere.</summary>
    Dead,
}
