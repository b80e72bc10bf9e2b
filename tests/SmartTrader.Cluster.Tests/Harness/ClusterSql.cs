using Npgsql;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>Reads and tampers with the cluster tables directly, as an operator or a fault would.</summary>
public static class ClusterSql
{
    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>What a peer's death declaration does, without the staleness check.</summary>
    public static Task<int> DeclareDeadAsync(string connectionString, string address) =>
        ExecuteAsync(connectionString,
            "WITH changed AS (UPDATE cluster_silos SET status = 'Dead', version = version + 1, status_changed_at = clock_timestamp() " +
            "WHERE address = $1 RETURNING 1) UPDATE cluster_version SET version = version + 1 WHERE EXISTS (SELECT 1 FROM changed)", address);
}
