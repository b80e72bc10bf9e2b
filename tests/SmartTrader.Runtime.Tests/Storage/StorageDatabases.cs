using Npgsql;
using SmartTrader.Runtime.Storage;
using SmartTrader.Runtime.Storage.Postgres;
using SmartTrader.Runtime.Storage.Sqlite;
using SmartTrader.Runtime.Storage.Statistics;
using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Storage;

/// <summary>One real PostgreSQL database and one SQLite file per test class; tests isolate by grain type.</summary>
public sealed class StorageDatabases : IAsyncLifetime
{
    private readonly ScratchDirectory _scratch = new();
    private TestPostgres? _postgres;

    public string SqlitePath => _scratch.File("grains.db");

    public string PostgresConnectionString => (_postgres ?? throw new InvalidOperationException("not started")).ConnectionString;

    public async Task InitializeAsync()
    {
        SqliteFirst.ChooseNativeLibrary();
        _postgres = await TestPostgres.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        _scratch.Dispose();
    }

    public OpenedStorage Open(StorageKind kind, int maxBatchSize = 512) => kind switch
    {
        StorageKind.Sqlite => new OpenedStorage(new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = SqlitePath, MaxBatchSize = maxBatchSize })),
        _ => new OpenedStorage(new PostgresGrainStorage(new PostgresStorageOptions { ConnectionString = PostgresConnectionString, MaxBatchSize = maxBatchSize })),
    };

    public IReminderTable OpenReminders(StorageKind kind) => kind switch
    {
        StorageKind.Sqlite => new SqliteReminderTable(new SqliteStorageOptions { DatabasePath = SqlitePath }),
        _ => new PostgresReminderTable(new PostgresStorageOptions { ConnectionString = PostgresConnectionString }),
    };

    /// <summary>
    /// The payload's "name" field as the database's own JSON functions read it, straight from the row: null unless it
    /// was stored as JSON text (SQLite: a TEXT value, not a BLOB).
    /// </summary>
    public async Task<string?> StoredNameAsync(StorageKind kind, GrainStateKey key)
    {
        const string where = "WHERE grain_type = @type AND state_name = @state AND grain_key = @key";
        if (kind == StorageKind.Sqlite)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={SqlitePath};Pooling=False");
            connection.Open();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT CASE typeof(payload) WHEN 'text' THEN json_extract(payload, '$.name') END FROM grain_state {where}";
            command.Parameters.AddWithValue("@type", key.GrainType);
            command.Parameters.AddWithValue("@state", key.StateName);
            command.Parameters.AddWithValue("@key", key.GrainKey);
            return await command.ExecuteScalarAsync() as string;
        }
        await using var postgres = new NpgsqlConnection(PostgresConnectionString);
        await postgres.OpenAsync();
        await using var query = new NpgsqlCommand($"SELECT payload ->> 'name' FROM grain_state {where}", postgres);
        query.Parameters.AddWithValue("type", key.GrainType);
        query.Parameters.AddWithValue("state", key.StateName);
        query.Parameters.AddWithValue("key", key.GrainKey);
        return await query.ExecuteScalarAsync() as string;
    }

    /// <summary>The applied migration versions, read straight from the database.</summary>
    public async Task<IReadOnlyList<long>> SchemaVersionsAsync(StorageKind kind)
    {
        var versions = new List<long>();
        if (kind == StorageKind.Sqlite)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={SqlitePath};Pooling=False");
            connection.Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT version FROM schema_version ORDER BY version";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) versions.Add(reader.GetInt64(0));
        }
        else
        {
            await using var connection = new NpgsqlConnection(PostgresConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT version FROM schema_version ORDER BY version", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) versions.Add(reader.GetInt32(0));
        }
        return versions;
    }
}

/// <summary>A provider under test with its statistics, whichever kind it is.</summary>
public sealed class OpenedStorage(IGrainStorage storage) : IAsyncDisposable
{
    public IGrainStorage Storage { get; } = storage;

    public StorageStatistics Statistics => Storage switch
    {
        SqliteGrainStorage sqlite => sqlite.Statistics,
        PostgresGrainStorage postgres => postgres.Statistics,
        _ => throw new InvalidOperationException(),
    };

    public Task InitializeAsync() => ((IStorageInitializer)Storage).InitializeAsync();

    public ValueTask DisposeAsync() => ((IAsyncDisposable)Storage).DisposeAsync();
}
