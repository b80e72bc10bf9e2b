namespace SmartTrader.Runtime.Storage.Postgres;

public sealed class PostgresStorageOptions : GrainStorageOptions
{
    public required string ConnectionString { get; set; }

    /// <summary>
    /// How many batches the group-commit writer may have committing at once, each its own transaction. While one waits
    /// for the server to flush its commit, the next is already on its way; the server shares one flush between
    /// commits that arrive together. Alternated 20 s order benches on one silo gave 8–17% more orders/s with 2 than
    /// with 1 (docs/BENCHMARKS.md); 4 made batches smaller and cost more CPU per order.
    /// </summary>
    public int MaxBatchesInFlight { get; set; } = 2;
}
