using SmartTrader.Runtime;
using SmartTrader.Runtime.Storage;
using SmartTrader.Runtime.Storage.GroupCommit;
using SmartTrader.Runtime.Storage.Postgres;
using SmartTrader.Runtime.Storage.Sqlite;
using SmartTrader.TestSupport;

namespace SmartTrader.Trading.Tests.PreTrade;

/// <summary>One SQLite file and one PostgreSQL database per test class; tests keep apart by account.</summary>
public sealed class RealStorage : IAsyncLifetime
{
    private readonly ScratchDirectory _scratch = new();
    private TestPostgres? _postgres;

    public async Task InitializeAsync() => _postgres = await TestPostgres.CreateDatabaseAsync();

    /// <summary>A provider over the class's database, its schema migrated; dispose it after the silo using it.</summary>
    public async Task<GroupCommitGrainStorage> OpenAsync(StorageKind kind)
    {
        GroupCommitGrainStorage storage = kind == StorageKind.Sqlite
            ? new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = _scratch.File("grains.db") })
            : new PostgresGrainStorage(new PostgresStorageOptions
            {
                ConnectionString = (_postgres ?? throw new InvalidOperationException("not started")).ConnectionString,
            });
        await storage.InitializeAsync();
        return storage;
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        _scratch.Dispose();
    }
}
