using Microsoft.Data.Sqlite;

namespace SmartTrader.Runtime.Storage.Sqlite;

/// <summary>Reminders in a SQLite file. Each change is its own durable transaction; reminder changes are rare.</summary>
public sealed class SqliteReminderTable : IReminderTable, IStorageInitializer, IDisposable
{
    private const string Columns = "grain_type, grain_key, name, start_at, period_ms";

    private readonly SqliteConnections _connections;
    private readonly SchemaInitialization _schema;

    public SqliteReminderTable(SqliteStorageOptions options)
    {
        _connections = new SqliteConnections(options);
        _schema = new SchemaInitialization(_ => Call("migrate the schema", () => { SqliteMigrator.Migrate(_connections); return true; }));
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _schema.RunAsync(cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync(cancellationToken);
        // begin > end is a range that wraps around the end of the hash ring.
        var where = begin <= end ? "grain_hash BETWEEN $begin AND $end" : "(grain_hash >= $begin OR grain_hash <= $end)";
        return await QueryAsync($"SELECT {Columns} FROM reminders WHERE {where} ORDER BY grain_hash, grain_type, grain_key, name",
            command =>
            {
                command.Parameters.AddWithValue("$begin", (long)begin);
                command.Parameters.AddWithValue("$end", (long)end);
            });
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync(cancellationToken);
        return await QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_type = $type AND grain_key = $key ORDER BY name",
            command =>
            {
                command.Parameters.AddWithValue("$type", grainId.Type);
                command.Parameters.AddWithValue("$key", grainId.Key);
            });
    }

    public async Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync(cancellationToken);
        await Call($"save reminder '{entry.Name}' of {entry.GrainId}", () =>
        {
            using var connection = _connections.OpenForWriting();
            using var command = connection.CreateCommand();
            command.CommandText =
                "INSERT INTO reminders (grain_type, grain_key, name, grain_hash, start_at, period_ms) " +
                "VALUES ($type, $key, $name, $hash, $start, $period) ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET " +
                "grain_hash = excluded.grain_hash, start_at = excluded.start_at, period_ms = excluded.period_ms";
            command.Parameters.AddWithValue("$type", entry.GrainId.Type);
            command.Parameters.AddWithValue("$key", entry.GrainId.Key);
            command.Parameters.AddWithValue("$name", entry.Name);
            command.Parameters.AddWithValue("$hash", (long)entry.GrainHash);
            command.Parameters.AddWithValue("$start", SqliteConnections.ToMicros(entry.StartAt));
            command.Parameters.AddWithValue("$period", (long)entry.Period.TotalMilliseconds);
            return command.ExecuteNonQuery();
        });
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync(cancellationToken);
        return await Call($"remove reminder '{name}' of {grainId}", () =>
        {
            using var connection = _connections.OpenForWriting();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name";
            command.Parameters.AddWithValue("$type", grainId.Type);
            command.Parameters.AddWithValue("$key", grainId.Key);
            command.Parameters.AddWithValue("$name", name);
            return command.ExecuteNonQuery() > 0;
        });
    }

    public void Dispose() => _connections.ClearPool();

    private Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, Action<SqliteCommand> bind) =>
        Call("read reminders", () =>
        {
            using var connection = _connections.OpenForReading();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            var entries = new List<ReminderEntry>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new ReminderEntry(new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2),
                    SqliteConnections.FromMicros(reader.GetInt64(3)), TimeSpan.FromMilliseconds(reader.GetInt64(4))));
            }
            return (IReadOnlyList<ReminderEntry>)entries;
        });

    private static Task<T> Call<T>(string what, Func<T> call) =>
        StorageCall.RunAsync(SqliteConnections.ProviderName, what, () => Task.FromResult(call()), SqliteConnections.IsDriverFailure);
}
