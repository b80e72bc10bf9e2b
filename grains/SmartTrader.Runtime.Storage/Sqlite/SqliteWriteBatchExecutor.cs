using Microsoft.Data.Sqlite;
using SmartTrader.Runtime.Storage.GroupCommit;

namespace SmartTrader.Runtime.Storage.Sqlite;

/// <summary>
/// The single writer connection: applies a batch in one BEGIN IMMEDIATE transaction with prepared statements and
/// one durable commit. Statements run in queue order, so a later write to the same key sees the earlier one. A write's
/// records follow it, only if it succeeded. Payloads are bound as the UTF-8 bytes they were serialized to and cast to
/// TEXT in SQL, which relabels them without converting: no string is made of them on the way.
/// </summary>
internal sealed class SqliteWriteBatchExecutor(SqliteConnections connections) : IWriteBatchExecutor, IDisposable
{
    private const int ConstraintFailed = 19;
    private const int DataTypeMismatch = 20;
    private const int TooBig = 18;

    private WriterConnection? _writer;

    public string ProviderName => SqliteConnections.ProviderName;

    public bool BlocksThread => true;

    public int MaxBatchesInFlight => 1;

    public Task ExecuteAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken)
    {
        var writer = _writer ??= new WriterConnection(connections.OpenForWriting());
        try
        {
            writer.Apply(batch);
        }
        catch (SqliteException exception) when (!MayBeCausedByOneOperation(exception))
        {
            // The connection may be unusable (I/O error, file replaced): start the next batch on a fresh one.
            _writer = null;
            writer.Dispose();
            throw;
        }
        return Task.CompletedTask;
    }

    public bool MayBeCausedByOneOperation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: ConstraintFailed or DataTypeMismatch or TooBig };

    public void Dispose() => _writer?.Dispose();

    private sealed class WriterConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;
        private readonly SqliteCommand _delete;
        private readonly SqliteCommand _version;
        private readonly SqliteCommand _upsert;

        public WriterConnection(SqliteConnection connection)
        {
            _connection = connection;
            _insert = Prepare(
                "INSERT INTO grain_state (grain_type, state_name, grain_key, etag, payload, updated_at) " +
                "VALUES ($type, $state, $key, 1, CAST($payload AS TEXT), $now) ON CONFLICT (grain_type, state_name, grain_key) DO NOTHING",
                "$payload", "$now");
            _update = Prepare(
                "UPDATE grain_state SET etag = $etag + 1, payload = CAST($payload AS TEXT), updated_at = $now " +
                "WHERE grain_type = $type AND state_name = $state AND grain_key = $key AND etag = $etag",
                "$etag", "$payload", "$now");
            _delete = Prepare(
                "DELETE FROM grain_state WHERE grain_type = $type AND state_name = $state AND grain_key = $key AND etag = $etag",
                "$etag");
            _version = Prepare("SELECT etag FROM grain_state WHERE grain_type = $type AND state_name = $state AND grain_key = $key");
            _upsert = Prepare(
                "INSERT INTO grain_state (grain_type, state_name, grain_key, etag, payload, updated_at) " +
                "VALUES ($type, $state, $key, 1, CAST($payload AS TEXT), $now) ON CONFLICT (grain_type, state_name, grain_key) " +
                "DO UPDATE SET etag = etag + 1, payload = excluded.payload, updated_at = excluded.updated_at",
                "$payload", "$now");
        }

        public void Apply(IReadOnlyList<WriteOperation> batch)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var now = SqliteConnections.NowMicros();
            foreach (var operation in batch)
            {
                if (!TryApply(operation, transaction, now))
                    operation.MarkConflict(StoredVersion(operation.Key, transaction));
                else
                    foreach (var record in operation.Records) Upsert(record, transaction, now);
            }
            transaction.Commit();
        }

        private bool TryApply(WriteOperation operation, SqliteTransaction transaction, long now)
        {
            if (operation is { Kind: WriteKind.Clear, ExpectedVersion: null })
                return StoredVersion(operation.Key, transaction) is null;

            var command = (operation.Kind, operation.ExpectedVersion) switch
            {
                (WriteKind.Write, null) => _insert,
                (WriteKind.Write, _) => _update,
                _ => _delete,
            };
            Bind(command, operation.Key, transaction);
            if (command.Parameters.Contains("$etag")) command.Parameters["$etag"].Value = operation.ExpectedVersion;
            if (command.Parameters.Contains("$payload")) command.Parameters["$payload"].Value = operation.Payload;
            if (command.Parameters.Contains("$now")) command.Parameters["$now"].Value = now;
            return command.ExecuteNonQuery() == 1;
        }

        private void Upsert(RecordRow record, SqliteTransaction transaction, long now)
        {
            Bind(_upsert, record.Key, transaction);
            _upsert.Parameters["$payload"].Value = record.Payload;
            _upsert.Parameters["$now"].Value = now;
            _upsert.ExecuteNonQuery();
        }

        private long? StoredVersion(GrainStateKey key, SqliteTransaction transaction)
        {
            Bind(_version, key, transaction);
            return _version.ExecuteScalar() is long version ? version : null;
        }

        private static void Bind(SqliteCommand command, GrainStateKey key, SqliteTransaction transaction)
        {
            command.Transaction = transaction;
            command.Parameters["$type"].Value = key.GrainType;
            command.Parameters["$state"].Value = key.StateName;
            command.Parameters["$key"].Value = key.GrainKey;
        }

        private SqliteCommand Prepare(string sql, params string[] extraParameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in new[] { "$type", "$state", "$key" }.Concat(extraParameters))
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            return command;
        }

        public void Dispose()
        {
            foreach (var command in new[] { _insert, _update, _delete, _version, _upsert }) command.Dispose();
            _connection.Dispose();
        }
    }
}
