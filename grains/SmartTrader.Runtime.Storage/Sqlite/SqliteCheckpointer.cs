using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime.Storage.Sqlite;

/// <summary>
/// Moves WAL frames into the database file from a connection of its own. The writer connection has automatic
/// checkpoints off: they ran inside its commits, copying pages and syncing the database file while every waiting
/// acknowledgement stood behind them. A PASSIVE checkpoint never blocks the writer or the readers, but under steady
/// writes it never copies the last commit either, and SQLite starts the WAL again only once every frame is copied:
/// the file grew by every commit (1.6 GB in a minute of order placement), and each commit's sync also wrote the
/// grown file's metadata. So when the WAL holds more than its limit, a RESTART checkpoint follows the passive one: it
/// holds the writer back only while it copies what was committed since, and the next commit starts the WAL afresh.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private readonly SqliteConnections _connections;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _frameBytes;
    private SqliteConnection? _connection;

    public SqliteCheckpointer(SqliteConnections connections, TimeSpan interval, ILogger logger)
    {
        _connections = connections;
        _interval = interval;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) CheckpointOnce();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            _connection?.Dispose();
        }
    }

    /// <summary>One round: a passive checkpoint, and a restarting one if the WAL holds more than its limit.</summary>
    internal void CheckpointOnce()
    {
        try
        {
            _connection ??= _connections.OpenForWriting();
            var walFrames = Checkpoint(_connection, "PASSIVE");
            if (walFrames * FrameBytes(_connection) > _connections.WalSizeLimitBytes) Checkpoint(_connection, "RESTART");
        }
        catch (SqliteException exception)
        {
            _logger.LogWarning(exception, "WAL checkpoint failed; retrying on a fresh connection");
            _connection?.Dispose();
            _connection = null;
        }
    }

    /// <summary>Runs a checkpoint in <paramref name="mode"/>; returns the frames the WAL held.</summary>
    private static long Checkpoint(SqliteConnection connection, string mode)
    {
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var result = checkpoint.ExecuteReader();
        return result.Read() ? result.GetInt64(1) : 0;
    }

    /// <summary>A WAL frame is one page and a 24-byte header.</summary>
    private long FrameBytes(SqliteConnection connection)
    {
        if (_frameBytes == 0)
        {
            using var pageSize = connection.CreateCommand();
            pageSize.CommandText = "PRAGMA page_size";
            _frameBytes = (long)pageSize.ExecuteScalar()! + 24;
        }
        return _frameBytes;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        await _loop;
    }
}
