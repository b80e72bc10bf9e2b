namespace SmartTrader.Runtime.Storage.Postgres;

public sealed class PostgresStorageOptions : GrainStorageOptions
{
    public required string ConnectionString { get; set; }

    /// <summary>
    /// How many batches the group-commit writer may have committing at once, each its own transaction. While one waits
    /// for the server to flush its commit, the next is already on its way; the server shares one flush between
    /// commits that arrive together. With 1, the writer was busy 97% of an order bench while the machine idled; with 2,
    /// alternated 20 s runs on one silo gave 8–17% more orders/s, though the cluster bench's single-silo passes did not
    /// confirm it (docs/BENCHMARKS.md). 4 made batches smaller and cost more CPU per order.
    /// </summary>
    public int MaxBatchesInFlight { get; set; } = 2;
}
