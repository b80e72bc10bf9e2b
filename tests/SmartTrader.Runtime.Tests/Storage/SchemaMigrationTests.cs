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
        var directory = Path.Combine(RepositoryRoot(), "deploy", "sql", provider);

        var files = Directory.GetFiles(directory, "*.sql").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)));

        MigrationScript.For(provider).Select(s => (s.Name, s.Sql)).Should().Equal(files);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmartTrader.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
