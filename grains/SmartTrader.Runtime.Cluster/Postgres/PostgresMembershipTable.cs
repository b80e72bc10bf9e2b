using Npgsql;

namespace SmartTrader.Runtime.Cluster;

/// <summary>The membership table in PostgreSQL (cluster_silos, cluster_version; migration 003).</summary>
internal sealed class PostgresMembershipTable(ClusterDatabase database) : IMembershipTable
{
    private const string Columns = "s.address, s.silo_name, s.status, s.version, s.started_at, s.heartbeat_at, s.status_changed_at";

    // Data-modifying CTEs run to completion in one statement: the row and the cluster version change together or not at all.
    private const string BumpClusterVersion =
        "UPDATE cluster_version SET version = version + 1 WHERE id AND EXISTS (SELECT 1 FROM changed)";

    private NpgsqlDataSource DataSource => database.DataSource;

    public Task InitializeAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public async Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        // One statement, one snapshot: the version and the rows agree.
        await using var command = DataSource.CreateCommand(
            $"SELECT v.version, now(), {Columns} FROM cluster_version v LEFT JOIN cluster_silos s ON true ORDER BY s.address");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long version = 0;
        var readAt = DateTimeOffset.MinValue;
        var silos = new List<SiloRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            version = reader.GetInt64(0);
            readAt = reader.GetFieldValue<DateTimeOffset>(1);
            if (reader.IsDBNull(2)) continue;
            silos.Add(new SiloRecord(
                ClusterSiloAddress.Parse(new SiloAddress(reader.GetString(2))),
                reader.GetString(3),
                Enum.Parse<SiloStatus>(reader.GetString(4)),
                reader.GetInt64(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetFieldValue<DateTimeOffset>(8)));
        }
        return new MembershipSnapshot(version, silos, readAt);
    }

    public async Task InsertJoiningAsync(ClusterSiloAddress silo, string name, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "WITH changed AS (INSERT INTO cluster_silos " +
            "(address, host, port, generation, silo_name, status, version, started_at, heartbeat_at, status_changed_at) " +
            "VALUES ($1, $2, $3, $4, $5, 'Joining', 1, clock_timestamp(), clock_timestamp(), clock_timestamp()) RETURNING 1) " +
            BumpClusterVersion);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Host });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Port });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = silo.Generation });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long?> TryChangeStatusAsync(ClusterSiloAddress silo, long expectedVersion, SiloStatus status, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "WITH changed AS (UPDATE cluster_silos SET status = $3, version = version + 1, status_changed_at = clock_timestamp() " +
            "WHERE address = $1 AND version = $2 RETURNING version), bumped AS (" + BumpClusterVersion + ") " +
            "SELECT version FROM changed");
        AddCasParameters(command, silo, expectedVersion);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status.ToString() });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    public async Task<bool> TryDeclareDeadAsync(ClusterSiloAddress silo, long expectedVersion, TimeSpan silentFor, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "WITH changed AS (UPDATE cluster_silos SET status = 'Dead', version = version + 1, status_changed_at = clock_timestamp() " +
            "WHERE address = $1 AND version = $2 AND status <> 'Dead' AND heartbeat_at < clock_timestamp() - $3 RETURNING version), " +
            "bumped AS (" + BumpClusterVersion + ") SELECT count(*) FROM changed");
        AddCasParameters(command, silo, expectedVersion);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = silentFor });
        return await command.ExecuteScalarAsync(cancellationToken) is 1L;
    }

    public async Task<bool> HeartbeatAsync(ClusterSiloAddress silo, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "UPDATE cluster_silos SET heartbeat_at = clock_timestamp() WHERE address = $1 AND status <> 'Dead'");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.ToString() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> DeleteDeadAsync(TimeSpan deadFor, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "DELETE FROM cluster_silos WHERE status = 'Dead' AND status_changed_at < clock_timestamp() - $1");
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = deadFor });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddCasParameters(NpgsqlCommand command, ClusterSiloAddress silo, long expectedVersion)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.ToString() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
    }
}
