using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SmartTrader.Runtime.Storage.Sqlite;

/// <summary>Opens connections to one database file: pooled ones for reads, durable ones (synchronous=FULL) for writes.</summary>
internal sealed class SqliteConnections
{
    public const string ProviderName = "sqlite";

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    static SqliteConnections() => _ = SqliteNativeLibrary.Source;

    /// <summary>The WAL's bound (<see cref="SqliteStorageOptions.WalSizeLimitBytes"/>).</summary>
    public long WalSizeLimitBytes { get; }

    public SqliteConnections(SqliteStorageOptions options)
    {
        _busyTimeoutMs = (int)options.BusyTimeout.TotalMilliseconds;
        WalSizeLimitBytes = options.WalSizeLimitBytes;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    public SqliteConnection OpenForReading()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// For the writer and the checkpointer: both wait out each other's locks, commit durably, never checkpoint on
    /// commit, and truncate a WAL they start again to the size limit.
    /// </summary>
    public SqliteConnection OpenForWriting()
    {
        var connection = OpenForReading();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {WalSizeLimitBytes};");
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Closes the idle pooled connections, releasing the file.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public static bool IsDriverFailure(Exception exception) => exception is SqliteException;

    public static long NowMicros() => ToMicros(DateTimeOffset.UtcNow);

    public static long ToMicros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
