using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SmartTrader.TestSupport;

/// <summary>
/// A PostgreSQL server of one test's own, in a scratch data directory on a free loopback port, that the test may stop
/// and start again on the same port (database outages). The test command's shared server must never be restarted:
/// other test projects use it at the same time. The binaries come from <see cref="BinEnvironmentVariable"/>, which
/// the test command sets; as root they run as the postgres user, as the test command's own server does.
/// </summary>
public sealed class RestartablePostgres : IAsyncDisposable
{
    public const string BinEnvironmentVariable = "SMARTTRADER_TEST_PG_BIN";

    private static readonly TimeSpan ToolLimit = TimeSpan.FromSeconds(60);
    private readonly string _bin;
    private readonly ScratchDirectory _scratch = new();

    private RestartablePostgres(string bin)
    {
        _bin = bin;
        Port = FreePort();
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Maximum Pool Size=40";
    }

    public int Port { get; }
    public string ConnectionString { get; }

    private string DataDirectory => _scratch.File("data");
    private string LogFile => _scratch.File("server.log");

    /// <summary>Creates the cluster (initdb) and starts it; the server answers when this returns.</summary>
    public static async Task<RestartablePostgres> StartNewAsync()
    {
        var bin = Environment.GetEnvironmentVariable(BinEnvironmentVariable);
        if (string.IsNullOrEmpty(bin) || !File.Exists(Path.Combine(bin, "pg_ctl")))
            throw new InvalidOperationException(
                $"{BinEnvironmentVariable} does not name PostgreSQL's bin directory. Run the tests with ./smarttrader test, which sets it.");
        var postgres = new RestartablePostgres(bin);
        try
        {
            if (Environment.IsPrivilegedProcess) await RunAsync("chown", ["postgres:", postgres._scratch.Path]);
            await postgres.RunToolAsync("initdb", "-D", postgres.DataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
            await postgres.StartAsync();
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
        return postgres;
    }

    /// <summary>Starts the stopped server on its port and waits until it accepts connections.</summary>
    public Task StartAsync() =>
        RunToolAsync("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start", "-o",
            $"-c listen_addresses=127.0.0.1 -p {Port} -k {DataDirectory} -c max_connections=300 -c shared_buffers=32MB -c fsync=off");

    /// <summary>
    /// Stops the server. <c>immediate</c> ends every backend at once, as a crash would (the next start recovers from
    /// the write-ahead log); <c>fast</c> rolls back open transactions and closes connections first.
    /// </summary>
    public Task StopAsync(string mode = "immediate") => RunToolAsync("pg_ctl", "-D", DataDirectory, "-m", mode, "-w", "stop");

    /// <summary>How many client connections the server has open, the one asking included; null when it cannot be asked.</summary>
    public async Task<int?> ClientConnectionsAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false;Timeout=2");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'", connection);
            return (int)(long)(await command.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>The server's own log (starts, stops, recovery, refused connections): its last lines, for a failing test's output.</summary>
    public string LogTail(int lines) =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines)) : "(no server log)";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try { await StopAsync(); } catch (InvalidOperationException) { }
        }
        _scratch.Dispose();
    }

    private Task RunToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        // From "/": as the postgres user the tools may not be allowed into the test's working directory.
        var start = new ProcessStartInfo(file) { WorkingDirectory = "/", RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ToolLimit);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{await output}{await errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
