using Npgsql;

namespace SmartTrader.Server.Tests.Support;

/// <summary>The cluster's grain directory, read straight from PostgreSQL: which silo holds which grain.</summary>
public static class GrainDirectory
{
    /// <summary>Key to holding silo, for the grains of <paramref name="grainType"/> whose key is like <paramref name="keyPattern"/> (SQL LIKE).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> HoldersAsync(string connectionString, string grainType, string keyPattern)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT grain_key, silo FROM grain_directory WHERE grain_type = $1 AND grain_key LIKE $2", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keyPattern });
        await using var reader = await command.ExecuteReaderAsync();
        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) holders[reader.GetString(0)] = reader.GetString(1);
        return holders;
    }
}
