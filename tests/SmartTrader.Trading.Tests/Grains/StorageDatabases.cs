using SmartTrader.Runtime;
using SmartTrader.Runtime.Storage.GroupCommit;
using SmartTrader.Runtime.Storage.Postgres;
using SmartTrader.Runtime.Storage.Sqlite;
using SmartTrader.TestSupport;

namespace SmartTrader.Trading.Tests.Grains;

/// <summary>
/// One real PostgreSQL database and one SQLite file per test class. Each <see cref="Open"/> is a provider of its own
/// over the same database, as a restarted or second process would have; tests isolate by grain key.
/// </summary>
public sealed class StorageDatabases : IAsyncLifetime
{
    private readonly ScratchDirectory _scratch = new();
    private TestPostgres? _postgres;

    public async Task InitializeAsync() => _postgres = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        _scratch.Dispose();
    }

    /// <summary>A storage provider; dispose it to flush its writer.</summary>
    public GroupCommitGrainStorage Open(StorageKind kind) => Provider(kind);

    /// <summary>A storage provider with its schema migrated, for tests that use it without a runtime.</summary>
    public async Task<GroupCommitGrainStorage> OpenAsync(StorageKind kind)
    {
        var storage = Provider(kind);
        await storage.InitializeAsync();
        return storage;
    }

    private GroupCommitGrainStorage Provider(StorageKind kind) => kind switch
    {
        StorageKind.Sqlite => new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = _scratch.File("grains.db") }),
        _ => new PostgresGrainStorage(new PostgresStorageOptions
        {
            ConnectionString = (_postgres ?? throw new InvalidOperationException("not started")).ConnectionString,
        }),
    };
}
