using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime.Storage.Sqlite;

/// <summary>
/// Moves WAL frames into the database file from a connection of its own. The writer connection has automatic
/// checkpoints off: they ran inside its commits, copying pages and syncing the database file while every waiting
/// acknowledgement stood behind them. A PASSIVE checkpoint never blocks the writer or the readers.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private readonly SqliteConnections _connections;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

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
        SqliteConnection? connection = null;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    connection ??= _connections.OpenForReading();
                    using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    checkpoint.ExecuteNonQuery();
                }
                catch (SqliteException exception)
                {
                    _logger.LogWarning(exception, "WAL checkpoint failed; retrying on a fresh connection");
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            connection?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        await _loop;
    }
}
