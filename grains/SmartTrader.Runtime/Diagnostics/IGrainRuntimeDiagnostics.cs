namespace SmartTrader.Runtime;

/// <summary>Live counts of this silo's activations, for /api/cluster and memory benchmarks.</summary>
public interface IGrainRuntimeDiagnostics
{
    /// <summary>Activations in the catalog, including ones activating or deactivating.</summary>
    int ActivationCount { get; }

    /// <summary>Activation count per grain type name.</summary>
    IReadOnlyDictionary<string, int> ActivationCountsByType();
}
