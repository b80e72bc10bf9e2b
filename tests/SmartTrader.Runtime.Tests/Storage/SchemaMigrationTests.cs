using SmartTrader.Runtime.Storage.Migrations;
using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Storage;

public sealed class SchemaMigrationTests(StorageDatabases databases) : IClassFixture<StorageDatabases>
{
    public static TheoryData<StorageKind> Kinds => StorageKinds.Both;

    [Theory, MemberData(nameof(Kinds))]
    public async Task Migration_is_idempotent_and_safe_when_two_silos_start_together(StorageKind kind)
    {
        await using var first = databases.Open(kind);
        await using var second = databases.Open(kind);
        var reminders = (SmartTrader.Runtime.Storage.IStorageInitializer)databases.OpenReminders(kind);

        await Task.WhenAll(first.InitializeAsync(), second.InitializeAsync(), reminders.InitializeAsync());
        await first.InitializeAsync();

        var expected = MigrationScript.For(kind == StorageKind.Sqlite ? "sqlite" : "postgres").Select(s => (long)s.Version);
        (await databases.SchemaVersionsAsync(kind)).Should().Equal(expected);
        (await second.Storage.WriteAsync(new GrainStateKey("Migrated", "k", "s"), Json.Bytes("{}"), null)).Should().Be("1");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task The_embedded_migrations_are_the_deploy_sql_files(StorageKind kind)
    {
        var provider = kind == StorageKind.Sqlite ? "sqlite" : "postgres";
        var directory = Path.Combine(Repository.Root, "deploy", "sql", provider);

        var files = Directory.GetFiles(directory, "*.sql").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)));

        MigrationScript.For(provider).Select(s => (s.Name, s.Sql)).Should().Equal(files);
    }

    [Fact]
    public async Task Upgrading_sqlite_from_version_1_keeps_every_row_and_stores_state_in_a_rowid_table()
    {
        SqliteFirst.ChooseNativeLibrary();
        using var scratch = new ScratchDirectory();
        var path = scratch.File("v1.db");
        using (var v1 = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            v1.Open();
            var script = MigrationScript.For("sqlite").Single(m => m.Version == 1).Sql;
            Execute(v1, script + """
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
                INSERT INTO schema_version VALUES (1, '001_initial_schema', 0);
                INSERT INTO grain_state VALUES ('portfolio', 'portfolio', 'acc-1', 7, '{"cash":100.25}', 0);
                """);
        }

        await using var storage = new SmartTrader.Runtime.Storage.Sqlite.SqliteGrainStorage(new() { DatabasePath = path });
        await storage.InitializeAsync();

        var row = await storage.ReadAsync(new GrainStateKey("portfolio", "acc-1", "portfolio"));
        row!.Etag.Should().Be("7");
        System.Text.Encoding.UTF8.GetString(row.Payload).Should().Be("""{"cash":100.25}""");
        using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'grain_state'";
        ((string)command.ExecuteScalar()!).Should().NotContainEquivalentOf("WITHOUT ROWID");
    }

    [Fact]
    public async Task Upgrading_postgres_from_version_1_keeps_every_row_and_stores_payloads_as_json()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using (var v1 = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await v1.OpenAsync();
            var script = MigrationScript.For("postgres").Single(m => m.Version == 1).Sql;
            await using var command = new Npgsql.NpgsqlCommand(script + """
                ;
                CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
                INSERT INTO schema_version (version, name) VALUES (1, '001_initial_schema');
                INSERT INTO grain_state (grain_type, state_name, grain_key, etag, payload, updated_at)
                VALUES ('portfolio', 'portfolio', 'acc-1', 7, '{"cash":100.25}', now());
                """, v1);
            await command.ExecuteNonQueryAsync();
        }

        await using (var storage = new SmartTrader.Runtime.Storage.Postgres.PostgresGrainStorage(new() { ConnectionString = database.ConnectionString }))
        {
            await storage.InitializeAsync();
            var row = await storage.ReadAsync(new GrainStateKey("portfolio", "acc-1", "portfolio"));
            row!.Etag.Should().Be("7");
            System.Text.Encoding.UTF8.GetString(row.Payload).Should().Be("""{"cash": 100.25}""");
        }

        await using var check = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await check.OpenAsync();
        await using var type = new Npgsql.NpgsqlCommand(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'grain_state' AND column_name = 'payload'", check);
        (await type.ExecuteScalarAsync()).Should().Be("json");
    }

    private static void Execute(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
