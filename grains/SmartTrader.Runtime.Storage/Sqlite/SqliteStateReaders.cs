using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace SmartTrader.Runtime.Storage.Sqlite;

/// <summary>
/// Point reads of grain state on a few connections that keep their SELECT prepared: every grain activation reads
/// its state, and parsing the same statement each time was a measurable share of the CPU under load.
/// </summary>
internal sealed class SqliteStateReaders(SqliteConnections connections) : IDisposable
{
    private readonly ConcurrentBag<Reader> _idle = [];
    private readonly int _maxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    public StoredState? Read(GrainStateKey key)
    {
        var reader = _idle.TryTake(out var idle) ? idle : new Reader(connections.OpenForReading());
        try
        {
            var state = reader.Read(key);
            Return(reader);
            return state;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private void Return(Reader reader)
    {
        if (_idle.Count < _maxIdle) _idle.Add(reader);
        else reader.Dispose();
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var reader)) reader.Dispose();
    }

    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _select;

        public Reader(SqliteConnection connection)
        {
            _connection = connection;
            _select = connection.CreateCommand();
            _select.CommandText = "SELECT etag, payload FROM grain_state WHERE grain_type = $type AND state_name = $state AND grain_key = $key";
            _select.Parameters.Add("$type", SqliteType.Text);
            _select.Parameters.Add("$state", SqliteType.Text);
            _select.Parameters.Add("$key", SqliteType.Text);
            _select.Prepare();
        }

        public StoredState? Read(GrainStateKey key)
        {
            _select.Parameters["$type"].Value = key.GrainType;
            _select.Parameters["$state"].Value = key.StateName;
            _select.Parameters["$key"].Value = key.GrainKey;
            using var reader = _select.ExecuteReader();
            return reader.Read() ? new StoredState(key, reader.GetFieldValue<byte[]>(1), Versions.Format(reader.GetInt64(0))) : null;
        }

        public void Dispose()
        {
            _select.Dispose();
            _connection.Dispose();
        }
    }
}
