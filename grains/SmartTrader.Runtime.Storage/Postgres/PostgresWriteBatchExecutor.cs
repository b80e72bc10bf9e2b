using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SmartTrader.Runtime.Storage.GroupCommit;

namespace SmartTrader.Runtime.Storage.Postgres;

/// <summary>
/// Sends a whole batch as one <see cref="NpgsqlBatch"/>: one round trip, one implicit transaction, one commit.
/// Every statement is conditional on the expected version, so a stale write affects no row instead of failing the
/// transaction; its affected-row count tells it apart. Statements are sorted by key so that two silos writing the
/// same keys lock them in the same order. A write with records is one statement: the write in a WITH clause, and the
/// records upserted only if it returned its row, so the statement's count is the records' when it succeeded and 0 when
/// it did not. Payloads go out as the UTF-8 bytes they were serialized to.
/// </summary>
internal sealed class PostgresWriteBatchExecutor(NpgsqlDataSource dataSource, int maxBatchesInFlight) : IWriteBatchExecutor
{
    private const int MaxAttempts = 3;

    public bool BlocksThread => false;

    public int MaxBatchesInFlight => maxBatchesInFlight;

    private const string InsertSql =
        "INSERT INTO grain_state (grain_type, state_name, grain_key, etag, payload) VALUES ($1, $2, $3, 1, $4) " +
        "ON CONFLICT (grain_type, state_name, grain_key) DO NOTHING";
    private const string UpdateSql =
        "UPDATE grain_state SET etag = $4 + 1, payload = $5, updated_at = now() " +
        "WHERE grain_type = $1 AND state_name = $2 AND grain_key = $3 AND etag = $4";
    private const string DeleteSql =
        "DELETE FROM grain_state WHERE grain_type = $1 AND state_name = $2 AND grain_key = $3 AND etag = $4";
    // The write's parameters come first: $1 type, $2 state, $3 key, then $4 payload (insert) or $4 etag, $5 payload.
    private const string InsertReturningSql = InsertSql + " RETURNING 1";
    private const string UpdateReturningSql = UpdateSql + " RETURNING 1";
    private const string RecordsSql =
        " INSERT INTO grain_state (grain_type, state_name, grain_key, etag, payload) " +
        "SELECT r.grain_type, r.state_name, r.grain_key, 1, r.payload " +
        "FROM unnest(${0}::text[], ${1}::text[], ${2}::text[], ${3}::json[]) AS r(grain_type, state_name, grain_key, payload) " +
        "WHERE EXISTS (SELECT 1 FROM written) " +
        "ON CONFLICT (grain_type, state_name, grain_key) DO UPDATE SET etag = grain_state.etag + 1, payload = excluded.payload, updated_at = now()";
    private static readonly string InsertWithRecordsSql = WithRecordsSql(InsertReturningSql, firstRecordParameter: 5);
    private static readonly string UpdateWithRecordsSql = WithRecordsSql(UpdateReturningSql, firstRecordParameter: 6);
    // A no-op update rather than a SELECT: only data-changing statements report an affected-row count.
    private const string ExistsSql =
        "UPDATE grain_state SET etag = etag WHERE grain_type = $1 AND state_name = $2 AND grain_key = $3";
    private const string StoredVersionsSql =
        "SELECT s.grain_type, s.state_name, s.grain_key, s.etag FROM grain_state s " +
        "JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(grain_type, state_name, grain_key) " +
        "ON s.grain_type = k.grain_type AND s.state_name = k.state_name AND s.grain_key = k.grain_key";

    public string ProviderName => PostgresDataSources.ProviderName;

    public async Task ExecuteAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken)
    {
        var ordered = batch
            .OrderBy(o => o.Key.GrainType, StringComparer.Ordinal)
            .ThenBy(o => o.Key.StateName, StringComparer.Ordinal)
            .ThenBy(o => o.Key.GrainKey, StringComparer.Ordinal)
            .ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteOnceAsync(connection, ordered, cancellationToken);
                break;
            }
            catch (PostgresException exception) when (IsLockOrderRace(exception) && attempt < MaxAttempts)
            {
                foreach (var operation in ordered) operation.ResetOutcome();
            }
        }

        var conflicted = ordered.Where(o => o.Conflicted).ToList();
        if (conflicted.Count == 0) return;
        try
        {
            await LoadStoredVersionsAsync(connection, conflicted, cancellationToken);
        }
        catch (NpgsqlException)
        {
            // The batch is committed; the conflicts are reported without the stored versions.
        }
    }

    public bool MayBeCausedByOneOperation(Exception exception) =>
        exception is PostgresException { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal));

    private static bool IsLockOrderRace(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    private static async Task ExecuteOnceAsync(NpgsqlConnection connection, List<WriteOperation> ordered, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var operation in ordered) batch.BatchCommands.Add(CommandFor(operation));
        await batch.ExecuteNonQueryAsync(cancellationToken);

        for (var i = 0; i < ordered.Count; i++)
        {
            var operation = ordered[i];
            var rows = batch.BatchCommands[i].RecordsAffected;
            var succeeded = operation switch
            {
                { Kind: WriteKind.Clear, ExpectedVersion: null } => rows == 0,
                { Records.Length: > 0 } => rows == operation.Records.Length,
                _ => rows == 1,
            };
            if (!succeeded) operation.MarkConflict(storedVersion: null);
        }
    }

    private static NpgsqlBatchCommand CommandFor(WriteOperation operation)
    {
        if (operation.Records.Length > 0) return WithRecords(operation);
        var command = (operation.Kind, operation.ExpectedVersion) switch
        {
            (WriteKind.Write, null) => new NpgsqlBatchCommand(InsertSql),
            (WriteKind.Write, _) => new NpgsqlBatchCommand(UpdateSql),
            (_, null) => new NpgsqlBatchCommand(ExistsSql),
            (_, _) => new NpgsqlBatchCommand(DeleteSql),
        };
        AddWriteParameters(command, operation);
        return command;
    }

    private static void AddWriteParameters(NpgsqlBatchCommand command, WriteOperation operation)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operation.Key.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operation.Key.StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operation.Key.GrainKey });
        if (operation.ExpectedVersion is { } expected)
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        if (operation.Kind == WriteKind.Write)
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = operation.Payload, NpgsqlDbType = NpgsqlDbType.Json });
    }

    /// <summary>The write as a WITH clause that returns its row, then its records, upserted only if it did.</summary>
    private static NpgsqlBatchCommand WithRecords(WriteOperation operation)
    {
        var command = new NpgsqlBatchCommand(operation.ExpectedVersion is null ? InsertWithRecordsSql : UpdateWithRecordsSql);
        AddWriteParameters(command, operation);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. operation.Records.Select(r => r.Key.GrainType)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. operation.Records.Select(r => r.Key.StateName)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. operation.Records.Select(r => r.Key.GrainKey)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>
        {
            TypedValue = [.. operation.Records.Select(r => r.Payload)],
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json,
        });
        return command;
    }

    private static string WithRecordsSql(string write, int firstRecordParameter)
    {
        var first = firstRecordParameter;
        var records = string.Format(CultureInfo.InvariantCulture, RecordsSql, first, first + 1, first + 2, first + 3);
        return $"WITH written AS ({write}){records}";
    }

    /// <summary>After the commit: the versions the conflicting writes ran into, to report them to the callers.</summary>
    private static async Task LoadStoredVersionsAsync(NpgsqlConnection connection, List<WriteOperation> conflicted, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(StoredVersionsSql, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = conflicted.Select(o => o.Key.GrainType).ToArray() },
                new NpgsqlParameter<string[]> { TypedValue = conflicted.Select(o => o.Key.StateName).ToArray() },
                new NpgsqlParameter<string[]> { TypedValue = conflicted.Select(o => o.Key.GrainKey).ToArray() },
            },
        };
        var stored = new Dictionary<GrainStateKey, long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                stored[new GrainStateKey(reader.GetString(0), reader.GetString(2), reader.GetString(1))] = reader.GetInt64(3);
        }
        foreach (var operation in conflicted)
            operation.MarkConflict(stored.TryGetValue(operation.Key, out var version) ? version : null);
    }
}
