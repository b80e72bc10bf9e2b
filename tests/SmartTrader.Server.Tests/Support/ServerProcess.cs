using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SmartTrader.TestSupport;

namespace SmartTrader.Server.Tests.Support;

/// <summary>The real server binary (smarttrader.dll, copied next to the tests) run as a child process.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "smarttrader.dll");

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The operating system's process id: the same id means the same process, never restarted.</summary>
    public int Id => _process.Id;

    public static ServerProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Start(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [ServerDll, .. arguments], environment, workingDirectory ?? AppContext.BaseDirectory);

    /// <summary>
    /// The <c>smarttrader</c> launcher at the repository root, as the README runs it: it publishes the server when
    /// sources changed, then replaces itself with the server process (same process id).
    /// </summary>
    public static ServerProcess StartLauncher(IEnumerable<string> arguments) =>
        Start(Path.Combine(Repository.Root, "smarttrader"), arguments, environment: null, Repository.Root);

    private static ServerProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}."));
    }

    /// <summary>The program and arguments the process runs now (Linux: /proc), after any exec.</summary>
    public IReadOnlyList<string> CommandLine =>
        File.ReadAllText($"/proc/{_process.Id}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async Task WaitUntilReadyAsync(Uri baseAddress, TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The server was not ready within {limit}:\n{Output}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ends the process abruptly (SIGKILL on Linux): no shutdown hooks, no flushing, like a crash.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
