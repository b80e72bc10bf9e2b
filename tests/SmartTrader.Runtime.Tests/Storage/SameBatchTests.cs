using SmartTrader.Runtime.Storage.GroupCommit;
using SmartTrader.Runtime.Storage.Postgres;
using SmartTrader.Runtime.Storage.Sqlite;
using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Storage;

/// <summary>
/// Drives each provider's batch executor directly, so the operations are guaranteed to share one transaction.
/// Design: operations on the same key apply in queue order, each seeing the one before.
/// </summary>
public sealed class SameBatchTests(StorageDatabases databases) : IClassFixture<StorageDatabases>
{
    public static TheoryData<StorageKind> Kinds => StorageKinds.Both;

    [Theory, MemberData(nameof(Kinds))]
    public async Task Writes_to_one_key_in_one_batch_apply_in_order(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        await opened.InitializeAsync();
        var type = "SameBatch" + Guid.NewGuid().ToString("N")[..8];
        var key = new GrainStateKey(type, "k", "state");
        var recycled = new GrainStateKey(type, "a-recycled", "state");
        var batch = new List<WriteOperation>
        {
            new(WriteKind.Write, key, """{"n":1}"""u8.ToArray(), null, default),
            new(WriteKind.Write, recycled, """{"r":1}"""u8.ToArray(), null, default),
            new(WriteKind.Write, key, """{"n":2}"""u8.ToArray(), 1, default),
            new(WriteKind.Write, key, """{"n":3}"""u8.ToArray(), 1, default),
            new(WriteKind.Clear, recycled, null, 1, default),
            new(WriteKind.Write, recycled, """{"r":2}"""u8.ToArray(), null, default),
        };

        await ExecuteAsync(kind, batch);

        batch.Select(o => o.Conflicted).Should().Equal(false, false, false, true, false, false);
        batch[3].StoredVersion.Should().Be(2);
        var stored = await opened.Storage.ReadAsync(key);
        stored!.Etag.Should().Be("2");
        Json.SameJson(stored.Payload, """{"n":2}""").Should().BeTrue();
        var reinserted = await opened.Storage.ReadAsync(recycled);
        reinserted!.Etag.Should().Be("1");
        Json.SameJson(reinserted.Payload, """{"r":2}""").Should().BeTrue();
    }

    private async Task ExecuteAsync(StorageKind kind, List<WriteOperation> batch)
    {
        if (kind == StorageKind.Sqlite)
        {
            using var executor = new SqliteWriteBatchExecutor(new SqliteConnections(new SqliteStorageOptions { DatabasePath = databases.SqlitePath }));
            await executor.ExecuteAsync(batch, default);
        }
        else
        {
            await using var dataSource = PostgresDataSources.Create(new PostgresStorageOptions { ConnectionString = databases.PostgresConnectionString });
            await new PostgresWriteBatchExecutor(dataSource, maxBatchesInFlight: 1).ExecuteAsync(batch, default);
        }
    }
}
