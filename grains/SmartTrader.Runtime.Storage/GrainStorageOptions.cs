namespace SmartTrader.Runtime.Storage;

/// <summary>Settings shared by every grain storage provider.</summary>
public abstract class GrainStorageOptions
{
    /// <summary>Most writes committed in one transaction by the group-commit writer.</summary>
    public int MaxBatchSize { get; set; } = 512;
}
