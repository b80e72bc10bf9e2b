using Npgsql;

namespace SmartTrader.Runtime.Storage.Postgres;

/// <summary>Reminders in PostgreSQL. Each call is its own committed statement; reminder changes are rare.</summary>
public sealed class PostgresReminderTable : IReminderTable, IStorageInitializer, IAsyncDisposable
{
    private const string Columns = "grain_type, grain_key, name, start_at, period_ms";

    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaInitialization _schema;

    public PostgresReminderTable(PostgresStorageOptions options)
    {
        _dataSource = PostgresDataSources.CreateForReminders(options);
        _schema = new SchemaInitialization(ct => Call("migrate the schema", () => PostgresMigrator.MigrateAsync(_dataSource, ct)));
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _schema.RunAsync(cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync(cancellationToken);
        // begin > end is a range that wraps around the end of the hash ring.
        var where = begin <= end ? "grain_hash BETWEEN $1 AND $2" : "(grain_hash >= $1 OR grain_hash <= $2)";
        return await QueryAsync($"SELECT {Columns} FROM reminders WHERE {where} ORDER BY grain_hash, grain_type, grain_key, name",
            [new NpgsqlParameter<long> { TypedValue = begin }, new NpgsqlParameter<long> { TypedValue = end }], cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync(cancellationToken);
        return await QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_type = $1 AND grain_key = $2 ORDER BY name",
            [new NpgsqlParameter<string> { TypedValue = grainId.Type }, new NpgsqlParameter<string> { TypedValue = grainId.Key }], cancellationToken);
    }

    public async Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync(cancellationToken);
        await Call($"save reminder '{entry.Name}' of {entry.GrainId}", async () =>
        {
            await using var command = _dataSource.CreateCommand(
                "INSERT INTO reminders (grain_type, grain_key, name, grain_hash, start_at, period_ms) VALUES ($1, $2, $3, $4, $5, $6) " +
                "ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET grain_hash = excluded.grain_hash, " +
                "start_at = excluded.start_at, period_ms = excluded.period_ms");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.GrainId.Type });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.GrainId.Key });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Name });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.GrainHash });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.StartAt.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)entry.Period.TotalMilliseconds });
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync(cancellationToken);
        var removed = 0;
        await Call($"remove reminder '{name}' of {grainId}", async () =>
        {
            await using var command = _dataSource.CreateCommand("DELETE FROM reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            removed = await command.ExecuteNonQueryAsync(cancellationToken);
        });
        return removed > 0;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await Call("read reminders", async () =>
        {
            await using var command = _dataSource.CreateCommand(sql);
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new ReminderEntry(new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3), TimeSpan.FromMilliseconds(reader.GetInt64(4))));
            }
        });
        return entries;
    }

    private static Task Call(string what, Func<Task> call) =>
        StorageCall.RunAsync(PostgresDataSources.ProviderName, what, call, PostgresGrainStorage.IsUnavailable);
}
