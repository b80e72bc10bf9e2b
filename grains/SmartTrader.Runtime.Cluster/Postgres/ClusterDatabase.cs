using Npgsql;
using SmartTrader.Runtime.Storage.Postgres;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The PostgreSQL connections of the membership and directory tables: a small pool of their own, not multiplexed, so
/// heartbeats never queue behind the grain storage's write batches. Nothing here leaves session state behind (the
/// migrator's lock is the transaction's), so a connection going back to the pool is not reset: the reset is seven
/// statements, and a directory claim or release is one.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable, IDisposable
{
    public ClusterDatabase(string connectionString)
    {
        var builder = PostgresDataSources.Auxiliary(connectionString, AuxiliaryPoolSizes.ClusterTables);
        builder.ConnectionStringBuilder.Multiplexing = false;
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 16;
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        DataSource = builder.Build();
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The cluster tables are migrations of the storage schema (deploy/sql/postgres), applied by its migrator.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) => PostgresMigrator.MigrateAsync(DataSource, cancellationToken);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
