using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrader.Runtime.Storage.GroupCommit;

namespace SmartTrader.Runtime.Storage.Sqlite;

/// <summary>
/// Grain state in a SQLite file (WAL, synchronous=FULL). Writes and clears go through one group-commit writer on a
/// single writer connection; reads use pooled connections of their own. Dispose flushes the queued writes.
/// </summary>
public sealed class SqliteGrainStorage : GroupCommitGrainStorage
{
    private readonly SqliteConnections _connections;
    private readonly SqliteWriteBatchExecutor _executor;
    private readonly SqliteStateReaders _readers;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly SqliteStorageOptions _options;
    private readonly ILogger _logger;

    public SqliteGrainStorage(SqliteStorageOptions options, ILogger<SqliteGrainStorage>? logger = null)
        : this(new SqliteConnections(options), options, logger ?? (ILogger)NullLogger.Instance)
    {
    }

    private SqliteGrainStorage(SqliteConnections connections, SqliteStorageOptions options, ILogger logger)
        : this(connections, new SqliteWriteBatchExecutor(connections), options, logger)
    {
    }

    private SqliteGrainStorage(SqliteConnections connections, SqliteWriteBatchExecutor executor, SqliteStorageOptions options, ILogger logger)
        : base(SqliteConnections.ProviderName, executor, options.MaxBatchSize, logger)
    {
        _connections = connections;
        _executor = executor;
        _options = options;
        _logger = logger;
        _readers = new SqliteStateReaders(connections);
        _checkpointer = new SqliteCheckpointer(connections, options.CheckpointInterval, logger);
    }

    private protected override Task MigrateAsync(CancellationToken cancellationToken) => Call("migrate the schema", () =>
    {
        _logger.LogInformation("SQLite {Version} ({Library}) at {Path}",
            SQLitePCL.raw.sqlite3_libversion().utf8_to_string(), SqliteNativeLibrary.Source, _options.DatabasePath);
        SqliteMigrator.Migrate(_connections);
        return true;
    });

    public override async Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await Schema.EnsureAsync(cancellationToken);
        try
        {
            return _readers.Read(key);
        }
        catch (Exception exception) when (SqliteConnections.IsDriverFailure(exception))
        {
            throw StorageCall.Failure(SqliteConnections.ProviderName, $"read '{key}'", exception);
        }
    }

    public override async Task<IReadOnlyList<StoredState>> QueryByKeyPrefixAsync(
        string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await Schema.EnsureAsync(cancellationToken);
        return await Call($"query '{grainType}/{keyPrefix}*/{stateName}'", () =>
        {
            var upper = KeyPrefix.UpperBound(keyPrefix);
            var lower = afterKey is not null && string.CompareOrdinal(afterKey, keyPrefix) >= 0 ? afterKey : keyPrefix;
            using var connection = _connections.OpenForReading();
            using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT grain_key, etag, payload FROM grain_state " +
                "WHERE grain_type = $type AND state_name = $state AND grain_key >= $lower AND ($upper IS NULL OR grain_key < $upper) " +
                "AND substr(grain_key, 1, length($prefix)) = $prefix AND ($after IS NULL OR grain_key > $after) ORDER BY grain_key LIMIT $limit";
            command.Parameters.AddWithValue("$type", grainType);
            command.Parameters.AddWithValue("$state", stateName);
            command.Parameters.AddWithValue("$lower", lower);
            command.Parameters.AddWithValue("$upper", (object?)upper ?? DBNull.Value);
            command.Parameters.AddWithValue("$prefix", keyPrefix);
            command.Parameters.AddWithValue("$after", (object?)afterKey ?? DBNull.Value);
            command.Parameters.AddWithValue("$limit", limit);
            var rows = new List<StoredState>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new StoredState(new GrainStateKey(grainType, reader.GetString(0), stateName),
                    reader.GetFieldValue<byte[]>(2), Versions.Format(reader.GetInt64(1))));
            }
            return (IReadOnlyList<StoredState>)rows;
        });
    }

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = _connections.OpenForReading();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            return Task.FromResult(command.ExecuteScalar() is 1L);
        }
        catch (SqliteException)
        {
            return Task.FromResult(false);
        }
    }

    private protected override async ValueTask DisposeProviderAsync()
    {
        await _checkpointer.DisposeAsync();
        _executor.Dispose();
        _readers.Dispose();
        _connections.ClearPool();
    }

    private static Task<T> Call<T>(string what, Func<T> call) =>
        StorageCall.RunAsync(SqliteConnections.ProviderName, what, () => Task.FromResult(call()), SqliteConnections.IsDriverFailure);
}
