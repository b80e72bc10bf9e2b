using Microsoft.Extensions.Options;
using Npgsql;
using SmartTrader.Runtime.Storage;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The grain directory in PostgreSQL (grain_directory; migration 003). When the database cannot be reached, a claim
/// fails with <see cref="GrainStorageException"/>, as the grain's state read would: the activation that needed it fails.
/// Plain claims and releases go in batches (<see cref="DirectoryWriteBatcher"/>); contested claims are settled one by one.
/// </summary>
internal sealed class PostgresGrainDirectoryTable(ClusterDatabase database, IOptions<ClusterOptions> options) : IGrainDirectoryTable
{
    private readonly DirectoryWriteBatcher _writes = new(database.DataSource, options.Value.DatabaseTimeout);

    private NpgsqlDataSource DataSource => database.DataSource;

    public async Task<SiloAddress> RegisterAsync(GrainId grainId, SiloAddress silo, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (await _writes.ClaimAsync(grainId, silo, cancellationToken)) return silo;

                var (holder, holderIsLive) = await ReadHolderAsync(grainId, cancellationToken);
                if (holder is null) continue; // released meanwhile: try to be first again
                if (holder == silo || holderIsLive) return holder.Value;
                if (await TransferAsync(grainId, holder.Value, silo, cancellationToken)) return silo;
            }
        }
        catch (NpgsqlException e)
        {
            throw new GrainStorageException($"The grain directory (PostgreSQL) could not claim {grainId}: {e.Message}", e);
        }
    }

    public Task UnregisterAsync(GrainId grainId, SiloAddress silo, CancellationToken cancellationToken) =>
        _writes.ReleaseAsync(grainId, silo, cancellationToken);

    public async Task<int> UnregisterAllAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand("DELETE FROM grain_directory WHERE silo = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SiloAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand("SELECT silo FROM grain_directory WHERE grain_type = $1 AND grain_key = $2");
        AddGrain(command, grainId);
        return await command.ExecuteScalarAsync(cancellationToken) is string holder ? new SiloAddress(holder) : null;
    }

    /// <summary>The claim's holder and whether the membership table has it alive (Joining, Active or ShuttingDown).</summary>
    private async Task<(SiloAddress? Holder, bool IsLive)> ReadHolderAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT d.silo, coalesce(s.status <> 'Dead', false) FROM grain_directory d " +
            "LEFT JOIN cluster_silos s ON s.address = d.silo WHERE d.grain_type = $1 AND d.grain_key = $2");
        AddGrain(command, grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return (null, false);
        return (new SiloAddress(reader.GetString(0)), reader.GetBoolean(1));
    }

    public async Task<bool> TransferAsync(GrainId grainId, SiloAddress from, SiloAddress to, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "UPDATE grain_directory SET silo = $3, registered_at = now() WHERE grain_type = $1 AND grain_key = $2 AND silo = $4");
        AddGrain(command, grainId);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = to.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = from.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void AddGrain(NpgsqlCommand command, GrainId grainId)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
    }
}
