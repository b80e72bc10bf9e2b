using SmartTrader.TestSupport;
using Xunit.Abstractions;

namespace SmartTrader.Server.Tests.Support;

/// <summary>
/// Clustered server processes (`serve --cluster`) on loopback, sharing one PostgreSQL database, started all at once as a
/// supervisor starts them (they also race to create the bootstrap administrator, "root").
/// </summary>
public sealed class ClusteredServers : IAsyncDisposable
{
    private readonly List<ServerProcess> _processes = [];
    private readonly List<ScratchDirectory> _dataDirectories = [];
    private readonly List<Uri> _urls = [];

    private ClusteredServers()
    {
    }

    public IReadOnlyList<ServerProcess> Processes => _processes;
    public IReadOnlyList<Uri> Urls => _urls;

    /// <summary>Starts the silos and returns once each answers; on failure none is left running.</summary>
    public static async Task<ClusteredServers> StartAsync(int silos, string connectionString, string adminPassword, ITestOutputHelper output)
    {
        var servers = new ClusteredServers();
        try
        {
            for (var i = 0; i < silos; i++) servers.Start(connectionString, adminPassword);
            for (var i = 0; i < silos; i++) await servers._processes[i].WaitUntilReadyAsync(servers._urls[i], TimeSpan.FromSeconds(90));
            return servers;
        }
        catch
        {
            await servers.DisposeAsync(output);
            throw;
        }
    }

    private void Start(string connectionString, string adminPassword)
    {
        var data = new ScratchDirectory();
        _dataDirectories.Add(data);
        var url = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        _urls.Add(url);
        _processes.Add(ServerProcess.Start(
            [
                "serve", "--cluster", "--storage", "postgres", "--connection", connectionString,
                "--silo-host", "127.0.0.1", "--silo-port", ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--urls", url.ToString().TrimEnd('/'), "--data-dir", data.Path,
            ],
            new Dictionary<string, string>
            {
                ["SmartTrader__Auth__BootstrapAdmin__UserName"] = "root",
                ["SmartTrader__Auth__BootstrapAdmin__Password"] = adminPassword,
                ["Trading__Seed"] = "7",
                ["Cluster__Transport__Secret"] = TestClusterSecret.Value,
            }));
    }

    /// <summary>Writes each silo's last log lines to the test's output, then stops it.</summary>
    public async Task DisposeAsync(ITestOutputHelper output)
    {
        foreach (var (process, i) in _processes.Select((p, i) => (p, i)))
        {
            var lines = process.Output.Split('\n');
            var story = lines.Where(line => !IsStackFrame(line)).ToList();
            output.WriteLine($"--- silo {i} (last 60 of {story.Count} lines without stack frames; {lines.Length} in all)");
            foreach (var line in story.TakeLast(60)) output.WriteLine(line);
        }
        await DisposeAsync();
    }

    private static bool IsStackFrame(string line)
    {
        var text = line.TrimStart();
        return text.StartsWith("at ", StringComparison.Ordinal) || text.StartsWith("--- End of", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        foreach (var data in _dataDirectories) data.Dispose();
    }
}
