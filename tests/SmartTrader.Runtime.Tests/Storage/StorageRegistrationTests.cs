using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartTrader.Runtime.Storage.Hosting;
using SmartTrader.Runtime.Storage.Postgres;
using SmartTrader.Runtime.Storage.Sqlite;
using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Storage;

public sealed class StorageRegistrationTests(StorageDatabases databases) : IClassFixture<StorageDatabases>
{
    public static TheoryData<StorageKind> Kinds => StorageKinds.Both;

    [Theory, MemberData(nameof(Kinds))]
    public async Task Registration_provides_storage_and_reminders_and_migrates_at_start_up(StorageKind kind)
    {
        var services = new ServiceCollection().AddLogging();
        if (kind == StorageKind.Sqlite) services.AddSqliteGrainStorage(databases.SqlitePath, o => o.MaxBatchSize = 64);
        else services.AddPostgresGrainStorage(databases.PostgresConnectionString, o => o.MaxBatchSize = 64);
        var key = new GrainStateKey("Registered", Guid.NewGuid().ToString("N"), "state");

        await using (var provider = services.BuildServiceProvider())
        {
            foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StartAsync(default);
            (await databases.SchemaVersionsAsync(kind)).Should().NotBeEmpty();

            var storage = provider.GetRequiredService<IGrainStorage>();
            storage.Should().BeOfType(kind == StorageKind.Sqlite ? typeof(SqliteGrainStorage) : typeof(PostgresGrainStorage))
                .And.BeSameAs(provider.GetRequiredService<IGrainStorage>());
            provider.GetRequiredService<IReminderTable>().Should()
                .BeOfType(kind == StorageKind.Sqlite ? typeof(SqliteReminderTable) : typeof(PostgresReminderTable));
            _ = storage.WriteAsync(key, Json.Bytes("""{"queued":true}"""), null);
        }

        await using var reopened = databases.Open(kind);
        (await reopened.Storage.ReadAsync(key)).Should().NotBeNull("disposing the container flushes queued writes");
    }
}
