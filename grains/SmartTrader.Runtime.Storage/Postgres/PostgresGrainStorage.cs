using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SmartTrader.Runtime.Storage.GroupCommit;
using SmartTrader.Runtime.Storage.Statistics;

namespace SmartTrader.Runtime.Storage.Postgres;

/// <summary>
/// Grain state in PostgreSQL. Writes and clears from all callers go through one group-commit writer; reads go
/// straight to the pool. Dispose flushes the queued writes.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IStorageInitializer, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaInitialization _schema;
    private readonly StorageMetrics _metrics = new(PostgresDataSources.ProviderName);
    private readonly GroupCommitWriter _writer;

    public PostgresGrainStorage(PostgresStorageOptions options, ILogger<PostgresGrainStorage>? logger = null)
    {
        _dataSource = PostgresDataSources.Create(options);
        _schema = new SchemaInitialization(ct => StorageCall.RunAsync(PostgresDataSources.ProviderName, "migrate the schema",
            () => PostgresMigrator.MigrateAsync(_dataSource, ct), IsUnavailable));
        _writer = new GroupCommitWriter(new PostgresWriteBatchExecutor(_dataSource), options.MaxBatchSize, _metrics,
            (ILogger?)logger ?? NullLogger.Instance);
    }

    public StorageStatistics Statistics => _metrics.Snapshot();

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _schema.RunAsync(cancellationToken);

    public async Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync(cancellationToken);
        return await StorageCall.RunAsync(PostgresDataSources.ProviderName, $"read '{key}'", async () =>
        {
            await using var command = _dataSource.CreateCommand(
                "SELECT etag, payload::text FROM grain_state WHERE grain_type = $1 AND state_name = $2 AND grain_key = $3");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainType });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainKey });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            return new StoredState(key, Encoding.UTF8.GetBytes(reader.GetString(1)), Versions.Format(reader.GetInt64(0)));
        }, IsUnavailable);
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
        return await StorageCall.RunAsync(PostgresDataSources.ProviderName, $"query '{grainType}/{keyPrefix}*/{stateName}'", async () =>
        {
            var upper = KeyPrefix.UpperBound(keyPrefix);
            var lower = afterKey is not null && string.CompareOrdinal(afterKey, keyPrefix) >= 0 ? afterKey : keyPrefix;
            await using var command = _dataSource.CreateCommand(
                "SELECT grain_key, etag, payload::text FROM grain_state " +
                "WHERE grain_type = $1 AND state_name = $2 AND grain_key >= $3 AND ($4 IS NULL OR grain_key < $4) " +
                "AND starts_with(grain_key, $5) AND ($6 IS NULL OR grain_key > $6) ORDER BY grain_key LIMIT $7");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lower });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)upper ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keyPrefix });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterKey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            var rows = new List<StoredState>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StoredState(new GrainStateKey(grainType, reader.GetString(0), stateName),
                    Encoding.UTF8.GetBytes(reader.GetString(2)), Versions.Format(reader.GetInt64(1))));
            }
            return (IReadOnlyList<StoredState>)rows;
        }, IsUnavailable);
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            return await command.ExecuteScalarAsync(cancellationToken) is 1;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    internal static bool IsUnavailable(Exception exception) => exception is NpgsqlException;
}
