namespace SmartTrader.Runtime.Storage.Sqlite;

public sealed class SqliteStorageOptions : GrainStorageOptions
{
    /// <summary>The database file; created if missing (its directory must exist).</summary>
    public required string DatabasePath { get; set; }

    /// <summary>How long a connection waits for another writer's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often WAL frames are checkpointed into the database file, away from the writer.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
