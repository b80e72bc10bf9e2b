using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SmartTrader.Runtime.Storage.GroupCommit;

namespace SmartTrader.Runtime.Storage.Postgres;

/// <summary>
/// Grain state in PostgreSQL. Writes and clears from all callers go through one group-commit writer; reads go
/// straight to the pool. Dispose flushes the queued writes.
/// </summary>
public sealed class PostgresGrainStorage : GroupCommitGrainStorage
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresGrainStorage(PostgresStorageOptions options, ILogger<PostgresGrainStorage>? logger = null)
        : this(PostgresDataSources.Create(Checked(options)), options, logger)
    {
    }

    private PostgresGrainStorage(NpgsqlDataSource dataSource, PostgresStorageOptions options, ILogger? logger)
        : base(PostgresDataSources.ProviderName, new PostgresWriteBatchExecutor(dataSource, options.MaxBatchesInFlight), options.MaxBatchSize, logger ?? NullLogger.Instance) =>
        _dataSource = dataSource;

    private static PostgresStorageOptions Checked(PostgresStorageOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchesInFlight, 1, nameof(options.MaxBatchesInFlight));
        return options;
    }

    private protected override Task MigrateAsync(CancellationToken cancellationToken) =>
        StorageCall.RunAsync(PostgresDataSources.ProviderName, "migrate the schema",
            () => PostgresMigrator.MigrateAsync(_dataSource, cancellationToken), IsUnavailable);

    public override async Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await Schema.EnsureAsync(cancellationToken);
        try
        {
            return await ReadOnNewConnectionIfLostAsync(() => ReadOnceAsync(key, cancellationToken));
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw StorageCall.Failure(PostgresDataSources.ProviderName, $"read '{key}'", exception);
        }
    }

    private async Task<StoredState?> ReadOnceAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT etag, payload FROM grain_state WHERE grain_type = $1 AND state_name = $2 AND grain_key = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StoredState(key, reader.GetFieldValue<byte[]>(1), Versions.Format(reader.GetInt64(0)));
    }

    public override async Task<IReadOnlyList<StoredState>> QueryByKeyPrefixAsync(
        string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await Schema.EnsureAsync(cancellationToken);
        return await StorageCall.RunAsync(PostgresDataSources.ProviderName, $"query '{grainType}/{keyPrefix}*/{stateName}'",
            () => ReadOnNewConnectionIfLostAsync(() => QueryOnceAsync(grainType, stateName, keyPrefix, afterKey, limit, cancellationToken)),
            IsUnavailable);
    }

    private async Task<IReadOnlyList<StoredState>> QueryOnceAsync(
        string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken)
    {
        var upper = KeyPrefix.UpperBound(keyPrefix);
        var lower = afterKey is not null && string.CompareOrdinal(afterKey, keyPrefix) >= 0 ? afterKey : keyPrefix;
        await using var command = _dataSource.CreateCommand(
            "SELECT grain_key, etag, payload FROM grain_state " +
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
                reader.GetFieldValue<byte[]>(2), Versions.Format(reader.GetInt64(1))));
        }
        return rows;
    }

    public override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadOnNewConnectionIfLostAsync(async () =>
            {
                await using var command = _dataSource.CreateCommand("SELECT 1");
                return await command.ExecuteScalarAsync(cancellationToken) is 1;
            });
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private protected override ValueTask DisposeProviderAsync() => _dataSource.DisposeAsync();

    internal static bool IsUnavailable(Exception exception) => exception is NpgsqlException;

    /// <summary>
    /// A restart of the database breaks every connection the pool holds, and the first command on each finds out.
    /// Reads change nothing, so one that failed because its connection was lost empties the pool and is sent once more,
    /// on a new connection; if the database is really down, that attempt fails too and the caller hears so.
    /// </summary>
    private async Task<T> ReadOnNewConnectionIfLostAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (NpgsqlException exception) when (LostItsConnection(exception))
        {
            _dataSource.Clear();
        }
        return await read();
    }

    private static bool LostItsConnection(Exception exception) => exception switch
    {
        PostgresException server => server.SqlState.StartsWith("08", StringComparison.Ordinal) || server.SqlState.StartsWith("57P0", StringComparison.Ordinal),
        NpgsqlException client => client.IsTransient,
        _ => false,
    };
}
