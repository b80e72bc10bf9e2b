using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrader.Runtime.Storage.GroupCommit;
using SmartTrader.Runtime.Storage.Statistics;

namespace SmartTrader.Runtime.Storage.Sqlite;

/// <summary>
/// Grain state in a SQLite file (WAL, synchronous=FULL). Writes and clears go through one group-commit writer on a
/// single writer connection; reads use pooled connections of their own. Dispose flushes the queued writes.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IStorageInitializer, IAsyncDisposable
{
    private readonly SqliteConnections _connections;
    private readonly SchemaInitialization _schema;
    private readonly StorageMetrics _metrics = new(SqliteConnections.ProviderName);
    private readonly SqliteWriteBatchExecutor _executor;
    private readonly GroupCommitWriter _writer;
    private readonly SqliteStateReaders _readers;
    private readonly SqliteCheckpointer _checkpointer;

    public SqliteGrainStorage(SqliteStorageOptions options, ILogger<SqliteGrainStorage>? logger = null)
    {
        _connections = new SqliteConnections(options);
        var log = (ILogger?)logger ?? NullLogger.Instance;
        _schema = new SchemaInitialization(_ => Call("migrate the schema", () =>
        {
            log.LogInformation("SQLite {Version} ({Library}) at {Path}", SQLitePCL.raw.sqlite3_libversion().utf8_to_string(), SqliteNativeLibrary.Source, options.DatabasePath);
            SqliteMigrator.Migrate(_connections);
            return true;
        }));
        _executor = new SqliteWriteBatchExecutor(_connections);
        _readers = new SqliteStateReaders(_connections);
        _writer = new GroupCommitWriter(_executor, options.MaxBatchSize, _metrics, log);
        _checkpointer = new SqliteCheckpointer(_connections, options.CheckpointInterval, log);
    }

    public StorageStatistics Statistics => _metrics.Snapshot();

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _schema.RunAsync(cancellationToken);

    public async Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync(cancellationToken);
        return await Call($"read '{key}'", () => _readers.Read(key));
    }

    public async Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        var expected = WriteRequests.ParseExpected(key, expectedEtag);
        await _schema.EnsureAsync(cancellationToken);
        var version = await _writer.EnqueueAsync(new WriteOperation(WriteKind.Write, key, Encoding.UTF8.GetString(payload.Span), expected, cancellationToken));
        return Versions.Format(version);
    }

    public async Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        var expected = WriteRequests.ParseExpected(key, expectedEtag);
        await _schema.EnsureAsync(cancellationToken);
        await _writer.EnqueueAsync(new WriteOperation(WriteKind.Clear, key, null, expected, cancellationToken));
    }

    public async Task<IReadOnlyList<StoredState>> QueryByKeyPrefixAsync(
        string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await _schema.EnsureAsync(cancellationToken);
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
                    Encoding.UTF8.GetBytes(reader.GetString(2)), Versions.Format(reader.GetInt64(1))));
            }
            return (IReadOnlyList<StoredState>)rows;
        });
    }

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
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

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _checkpointer.DisposeAsync();
        _executor.Dispose();
        _readers.Dispose();
        _connections.ClearPool();
    }

    private static Task<T> Call<T>(string what, Func<T> call) =>
        StorageCall.RunAsync(SqliteConnections.ProviderName, what, () => Task.FromResult(call()), SqliteConnections.IsDriverFailure);
}
