namespace SmartTrader.Runtime.Storage.Sqlite;

public sealed class SqliteStorageOptions : GrainStorageOptions
{
    /// <summary>The database file; created if missing (its directory must exist).</summary>
    public required string DatabasePath { get; set; }

    /// <summary>How long a connection waits for another writer's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often WAL frames are checkpointed into the database file, away from the writer.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The WAL file's bound. Under steady writes a background checkpoint never catches up with the last commit, so the
    /// WAL would only grow; once it holds more than this, the checkpointer briefly holds the writer back, finishes the
    /// checkpoint, and the next commit starts the WAL again from its beginning (truncating the file to this size).
    /// </summary>
    public long WalSizeLimitBytes { get; set; } = 64L * 1024 * 1024;
}
