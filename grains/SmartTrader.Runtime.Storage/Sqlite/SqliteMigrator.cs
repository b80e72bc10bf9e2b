using Microsoft.Data.Sqlite;
using SmartTrader.Runtime.Storage.Migrations;

namespace SmartTrader.Runtime.Storage.Sqlite;

/// <summary>
/// Switches the file to WAL and applies the missing migrations in one BEGIN IMMEDIATE transaction, which takes the
/// write lock up front: a second process starting together waits, then finds nothing left to apply.
/// </summary>
internal static class SqliteMigrator
{
    public static void Migrate(SqliteConnections connections)
    {
        using var connection = connections.OpenForWriting();
        Execute(connection, null, "PRAGMA journal_mode = WAL");

        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");

        var applied = new HashSet<long>();
        using (var query = connection.CreateCommand())
        {
            query.Transaction = transaction;
            query.CommandText = "SELECT version FROM schema_version";
            using var reader = query.ExecuteReader();
            while (reader.Read()) applied.Add(reader.GetInt64(0));
        }

        foreach (var script in MigrationScript.For(SqliteConnections.ProviderName).Where(s => !applied.Contains(s.Version)))
        {
            Execute(connection, transaction, script.Sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $at)";
            record.Parameters.AddWithValue("$version", script.Version);
            record.Parameters.AddWithValue("$name", script.Name);
            record.Parameters.AddWithValue("$at", SqliteConnections.NowMicros());
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
