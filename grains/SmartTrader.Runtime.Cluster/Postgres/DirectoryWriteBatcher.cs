using System.Threading.Channels;
using Npgsql;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// First-writer claims and releases of the grain directory, sent in batches: those that arrive while a batch is in
/// flight go together in the next one, as one round trip and one commit (one writer loop over a queue, as in the grain
/// storage's group commit). Releases run before claims, so a grain released and claimed again in one batch ends up
/// claimed. A silo that activates and collects a grain per order would otherwise pay two commits for each.
/// <para>
/// The batch commits without waiting for its WAL flush (synchronous_commit off for that transaction only): a crash of
/// PostgreSQL can lose the last fraction of a second of claims and releases. That costs no state: a claim lost that
/// way can let a second activation start, and the storage ETag stops it from committing, as during any membership
/// change; a release lost leaves a claim naming a live silo, which that silo honours.
/// </para>
/// <para>
/// Two silos' batches may claim the same grains, so claims are inserted in key order; a batch that still meets
/// another in a deadlock (a release and a claim of the same grains) is rolled back whole by PostgreSQL and sent again.
/// </para>
/// </summary>
internal sealed class DirectoryWriteBatcher
{
    private const int MaxBatch = 512;

    /// <summary>Sends of one batch when PostgreSQL breaks a deadlock by rolling it back.</summary>
    private const int MaxAttempts = 3;

    private const string ReleaseSql =
        "DELETE FROM grain_directory d USING unnest($1::text[], $2::text[], $3::text[]) AS r(grain_type, grain_key, silo) " +
        "WHERE d.grain_type = r.grain_type AND d.grain_key = r.grain_key AND d.silo = r.silo";

    private const string ClaimSql =
        "INSERT INTO grain_directory (grain_type, grain_key, silo) " +
        "SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[]) ORDER BY 1, 2 " +
        "ON CONFLICT (grain_type, grain_key) DO NOTHING RETURNING grain_type, grain_key, silo";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _statementTimeout;

    private readonly Channel<DirectoryWrite> _queue = Channel.CreateUnbounded<DirectoryWrite>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    public DirectoryWriteBatcher(NpgsqlDataSource dataSource, TimeSpan statementTimeout)
    {
        _dataSource = dataSource;
        _statementTimeout = statementTimeout;
        _ = Task.Run(RunAsync);
    }

    /// <summary>True when <paramref name="silo"/> now holds the claim; false when another claim was there first.</summary>
    public Task<bool> ClaimAsync(GrainId grainId, SiloAddress silo, CancellationToken cancellationToken) =>
        Enqueue(new DirectoryWrite(Claim: true, grainId, silo), cancellationToken);

    /// <summary>Drops the claim if <paramref name="silo"/> holds it.</summary>
    public Task ReleaseAsync(GrainId grainId, SiloAddress silo, CancellationToken cancellationToken) =>
        Enqueue(new DirectoryWrite(Claim: false, grainId, silo), cancellationToken);

    private Task<bool> Enqueue(DirectoryWrite write, CancellationToken cancellationToken)
    {
        _queue.Writer.TryWrite(write);
        return write.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The one writer loop: each turn takes everything pending, up to <see cref="MaxBatch"/>, and runs it.</summary>
    private async Task RunAsync()
    {
        var batch = new List<DirectoryWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write)) batch.Add(write);
            try
            {
                var claimed = await ExecuteWithRetryAsync(batch);
                foreach (var write in batch) write.Done.TrySetResult(write.Claim && claimed.Contains((write.GrainId, write.Silo)));
            }
            catch (Exception e)
            {
                foreach (var write in batch) write.Done.TrySetException(e);
            }
            batch.Clear();
        }
    }

    private async Task<HashSet<(GrainId, SiloAddress)>> ExecuteWithRetryAsync(List<DirectoryWrite> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ExecuteAsync(batch);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>Runs the batch's releases, then its claims (inserted in key order); returns the claims that were inserted.</summary>
    private async Task<HashSet<(GrainId, SiloAddress)>> ExecuteAsync(List<DirectoryWrite> batch)
    {
        using var timeout = new CancellationTokenSource(_statementTimeout);
        await using var command = _dataSource.CreateBatch();
        var releases = batch.Where(w => !w.Claim).ToList();
        var claims = batch.Where(w => w.Claim).ToList();
        command.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        command.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"));
        if (releases.Count > 0) command.BatchCommands.Add(Command(ReleaseSql, releases));
        if (claims.Count > 0) command.BatchCommands.Add(Command(ClaimSql, claims));
        command.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));

        var claimed = new HashSet<(GrainId, SiloAddress)>();
        await using var reader = await command.ExecuteReaderAsync(timeout.Token);
        do
        {
            if (reader.FieldCount != 3) continue;
            while (await reader.ReadAsync(timeout.Token))
                claimed.Add((new GrainId(reader.GetString(0), reader.GetString(1)), new SiloAddress(reader.GetString(2))));
        } while (await reader.NextResultAsync(timeout.Token));
        return claimed;
    }

    private static NpgsqlBatchCommand Command(string sql, List<DirectoryWrite> writes) => new(sql)
    {
        Parameters =
        {
            new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.GrainId.Type)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.GrainId.Key)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Silo.Value)] },
        },
    };

    private sealed record DirectoryWrite(bool Claim, GrainId GrainId, SiloAddress Silo)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
