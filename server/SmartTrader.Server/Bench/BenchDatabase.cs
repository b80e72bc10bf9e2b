using Npgsql;

namespace SmartTrader.Server.Bench;

/// <summary>A new database on the given PostgreSQL server for one benchmark pass, dropped when disposed.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _administration;
    private readonly string _name;

    public string ConnectionString { get; }

    private BenchDatabase(string administration, string name, string connectionString)
    {
        _administration = administration;
        _name = name;
        ConnectionString = connectionString;
    }

    public static async Task<BenchDatabase> CreateAsync(string connection, string purpose, CancellationToken cancellationToken)
    {
        var name = $"smarttrader_bench_{purpose}_{Guid.NewGuid():N}"[..40];
        await ExecuteAsync(connection, $"CREATE DATABASE {name}", cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(connection) { Database = name };
        return new BenchDatabase(connection, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_administration, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connection, string sql, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
