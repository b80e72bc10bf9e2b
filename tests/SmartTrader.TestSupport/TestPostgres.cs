using Npgsql;

namespace SmartTrader.TestSupport;

/// <summary>
/// The PostgreSQL server the test command starts on loopback. Each caller gets a fresh database, dropped on dispose,
/// so test classes never see each other's rows. There is no fallback: without the server the tests fail.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    public const string EnvironmentVariable = "SMARTTRADER_TEST_PG";

    private readonly string _adminConnectionString;

    public string Database { get; }
    public string ConnectionString { get; }

    private TestPostgres(string adminConnectionString, string database)
    {
        _adminConnectionString = adminConnectionString;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
    }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable)
        ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set. Run the tests with ./smarttrader test, which installs and starts PostgreSQL on loopback.");

    public static async Task<TestPostgres> CreateDatabaseAsync()
    {
        var admin = AdminConnectionString;
        var name = "st_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new TestPostgres(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
